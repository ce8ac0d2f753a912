import { createTestDatabase, type TestDatabase } from '../../../../test/support/databases';

describe('SQLite transactions', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
  });
  afterAll(() => db.drop());

  it('run one at a time on the single connection, nested calls within the current one', async () => {
    const order: string[] = [];
    await Promise.all(
      [1, 2].map((n) =>
        db.dataSource.transaction(async (manager) => {
          order.push(`begin ${n}`);
          await manager.transaction(async (inner) => inner.query('SELECT 1'));
          await manager.query('SELECT 1');
          order.push(`end ${n}`);
        }),
      ),
    );
    expect(order).toEqual(['begin 1', 'end 1', 'begin 2', 'end 2']);
  });

  it('let the event loop turn between queued transactions: what is waiting meanwhile (a new connection) is not held up behind them all', async () => {
    const order: string[] = [];
    await Promise.all(
      [1, 2, 3].map((n) =>
        db.dataSource.transaction(async (manager) => {
          await manager.query('SELECT 1');
          order.push(`transaction ${n}`);
          if (n === 1) setImmediate(() => order.push('waiting I/O'));
        }),
      ),
    );
    expect(order).toEqual(['transaction 1', 'waiting I/O', 'transaction 2', 'transaction 3']);
  });
});
