import { createTestDatabase, type TestDatabase } from '../../../../test/support/databases';

describe('SQLite parameters', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
  });
  afterAll(() => db.drop());

  it('binds integers instead of writing them into the SQL, so one statement serves every id', () => {
    const escape = (id: number) => db.dataSource.driver.escapeQueryWithParameters('SELECT name FROM school WHERE id = :id', { id });
    const [firstSql] = escape(27);
    const [secondSql, secondParameters] = escape(28);
    expect(firstSql).toBe(secondSql);
    expect(firstSql).not.toContain('27');
    expect(secondParameters).toEqual([28n]);
  });

  it('binds them as INTEGER: a text column keeps "27", not "27.0"', async () => {
    const row = await db.dataSource
      .createQueryBuilder()
      .select('typeof(:n)', 'type')
      .addSelect("CAST(:n AS TEXT) || ''", 'text')
      .addSelect(':x', 'fraction')
      .fromDummy()
      .setParameters({ n: 27, x: 2.5 })
      .getRawOne<{ type: string; text: string; fraction: number }>();
    expect(row).toEqual({ type: 'integer', text: '27', fraction: 2.5 });
  });
});
