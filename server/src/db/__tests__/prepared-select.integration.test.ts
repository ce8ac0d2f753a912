import type { EntityManager } from 'typeorm';
import { describeEachEngine } from '../../../../test/support/databases';
import { ApiTokenEntity } from '../../modules/accounts/api-token.entity';
import { UserAccountEntity } from '../../modules/accounts/user-account.entity';
import { PreparedSelect } from '../prepared-select';

const tokenWithOwner = (hash: string | null) => (manager: EntityManager) => {
  const builder = manager.getRepository(ApiTokenEntity).createQueryBuilder('t').innerJoinAndSelect('t.user', 'u').where('t.tokenHash = :hash AND t.revokedAt IS NULL');
  return hash === null ? builder : builder.setParameter('hash', hash);
};

describeEachEngine('PreparedSelect', (db) => {
  let users: UserAccountEntity[];
  beforeAll(async () => {
    const accounts = db().dataSource.getRepository(UserAccountEntity);
    users = await accounts.save([
      { username: 'prepared-a', displayName: 'Alice', email: 'alice@example.org', disabled: false },
      { username: 'prepared-b', displayName: 'Bruno', email: null, disabled: true },
    ]);
    await db()
      .dataSource.getRepository(ApiTokenEntity)
      .save([
        { userId: users[0]!.id, name: 'a', prefix: 'preau_a', tokenHash: 'hash-a', lastUsedAt: new Date('2026-03-01T08:30:00.000Z'), expiresAt: null, revokedAt: null },
        { userId: users[1]!.id, name: 'b', prefix: 'preau_b', tokenHash: 'hash-b', lastUsedAt: null, expiresAt: null, revokedAt: null },
        { userId: users[1]!.id, name: 'c', prefix: 'preau_c', tokenHash: 'hash-c', lastUsedAt: null, expiresAt: null, revokedAt: new Date() },
      ]);
  });

  it('gives the entities the query builder gives, joins, dates, booleans and nulls included', async () => {
    const manager = db().dataSource.manager;
    const prepared = new PreparedSelect(tokenWithOwner(null));
    for (const hash of ['hash-a', 'hash-b']) {
      const expected = await tokenWithOwner(hash)(manager).getOne();
      expect(expected).not.toBeNull();
      const got = await prepared.one(manager, { hash });
      expect(got).toBeInstanceOf(ApiTokenEntity);
      expect(got).toEqual(expected);
    }
    expect((await prepared.one(manager, { hash: 'hash-a' }))?.lastUsedAt).toEqual(new Date('2026-03-01T08:30:00.000Z'));
    expect((await prepared.one(manager, { hash: 'hash-b' }))?.user?.disabled).toBe(true);
  });

  it('takes each call its own values: none is kept from an earlier call', async () => {
    const prepared = new PreparedSelect(tokenWithOwner(null));
    const manager = db().dataSource.manager;
    expect((await prepared.one(manager, { hash: 'hash-a' }))?.name).toBe('a');
    expect((await prepared.one(manager, { hash: 'hash-b' }))?.name).toBe('b');
    expect(await prepared.one(manager, { hash: 'hash-c' })).toBeNull();
    expect(await prepared.one(manager, { hash: 'unknown' })).toBeNull();
  });

  it('expands lists of any length', async () => {
    const named = new PreparedSelect((manager) => manager.getRepository(UserAccountEntity).createQueryBuilder('u').select(['u.id', 'u.displayName']).where('u.id IN (:...ids)').orderBy('u.id'));
    const manager = db().dataSource.manager;
    expect((await named.many(manager, { ids: [users[0]!.id] })).map((u) => u.displayName)).toEqual(['Alice']);
    expect((await named.many(manager, { ids: [users[1]!.id, users[0]!.id, -1] })).map((u) => u.displayName)).toEqual(['Alice', 'Bruno']);
    await expect(named.many(manager, { ids: [] })).rejects.toThrow('a prepared select needs at least one value in :...ids');
  });

  it("runs on the caller's transaction: it sees what the transaction wrote", async () => {
    const named = new PreparedSelect((manager) => manager.getRepository(UserAccountEntity).createQueryBuilder('u').where('u.username = :username'));
    await db()
      .dataSource.transaction(async (manager) => {
        await manager.getRepository(UserAccountEntity).save({ username: 'prepared-uncommitted', displayName: 'Chloé' });
        expect((await named.one(manager, { username: 'prepared-uncommitted' }))?.displayName).toBe('Chloé');
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    expect(await named.one(db().dataSource.manager, { username: 'prepared-uncommitted' })).toBeNull();
  });

  it('refuses a builder that gives a value: it would be frozen into every later call', async () => {
    const frozen = new PreparedSelect(tokenWithOwner('hash-a'));
    await expect(frozen.one(db().dataSource.manager, { hash: 'hash-b' })).rejects.toThrow(/takes its values per call/);
  });
});
