import { describeEachEngine } from '../../test/support/databases';
import { AcademyEntity } from '../../server/src/modules/organisations/academy.entity';

/** Requests overlap: their transactions must not trip over each other on either engine. */
describeEachEngine('concurrent transactions', (db) => {
  it('commits and rolls back overlapping transactions independently', async () => {
    const { dataSource } = db();
    const before = await dataSource.getRepository(AcademyEntity).count();
    const run = (n: number) =>
      dataSource.transaction(async (manager) => {
        await manager.getRepository(AcademyEntity).insert({ code: `tx-${n}`, name: `Transaction ${n}` });
        // Yield while the transaction is open, as a request awaiting the next query does.
        await new Promise((resolve) => setTimeout(resolve, 10));
        if (n % 2 === 1) throw new Error(`roll back ${n}`);
      });
    const results = await Promise.allSettled([1, 2, 3, 4, 5, 6].map(run));
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
    const codes = (await dataSource.getRepository(AcademyEntity).find()).map((a) => a.code).filter((c) => c.startsWith('tx-'));
    expect(codes.sort()).toEqual(['tx-2', 'tx-4', 'tx-6']);
    expect(await dataSource.getRepository(AcademyEntity).count()).toBe(before + 3);
  });

  it('runs a transaction opened inside another within it', async () => {
    const { dataSource } = db();
    await dataSource.transaction(async () => {
      await dataSource.transaction(async (inner) => inner.getRepository(AcademyEntity).insert({ code: 'tx-nested', name: 'Nested' }));
    });
    expect(await dataSource.getRepository(AcademyEntity).existsBy({ code: 'tx-nested' })).toBe(true);
  });
});
