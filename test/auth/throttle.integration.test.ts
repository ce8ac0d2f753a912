import request from 'supertest';
import type { Express } from 'express';
import { AuditEntryEntity } from '../../server/src/modules/audit/audit-entry.entity';
import { describeEachEngine } from '../support/databases';
import { testApp } from '../support/app';
import { makeUser, TEST_PASSWORD } from '../support/auth';

const PER_ACCOUNT = 3;
const PER_ADDRESS = 5;
const WINDOW_MINUTES = 15;

let addressSequence = 0;
/** A documentation address (RFC 5737) of its own, so tests sharing a database do not share counts. */
const newAddress = () => `198.51.100.${++addressSequence}`;

describeEachEngine('login throttling', (db) => {
  let app: Express;

  beforeAll(() => {
    app = testApp(db().dataSource, {
      // Behind one trusted proxy, X-Forwarded-For gives the client address: how tests play several clients.
      TRUST_PROXY: '1',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: String(PER_ACCOUNT),
      LOGIN_MAX_FAILURES_PER_ADDRESS: String(PER_ADDRESS),
      LOGIN_WINDOW_MINUTES: String(WINDOW_MINUTES),
    }).app;
  });

  const login = (username: string, password: string, address: string) =>
    request(app).post('/api/v1/auth/login').set('X-Forwarded-For', address).send({ username, password });
  const fail = async (username: string, address: string) => expect((await login(username, 'not the password', address)).status).toBe(401);
  const account = async (email: string | null = null) => (await makeUser(db().dataSource, [], { email })).user;
  const auditOf = (action: string, actorLabel: string) =>
    db().dataSource.getRepository(AuditEntryEntity).find({ where: { action, actorLabel }, order: { id: 'ASC' } });

  it(`refuses an account after ${PER_ACCOUNT} failures with 429 and Retry-After, even with the right password`, async () => {
    const user = await account();
    const address = newAddress();
    for (let i = 0; i < PER_ACCOUNT; i++) await fail(user.username, address);

    const res = await login(user.username, TEST_PASSWORD, address);
    expect(res.status).toBe(429);
    expect(res.type).toBe('application/problem+json');
    expect(res.body.code).toBe('TOO_MANY_ATTEMPTS');
    expect(res.body.detail).toBe(`Too many failed sign-ins for this account; try again in ${WINDOW_MINUTES} minute(s)`);
    const retryAfter = Number(res.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan((WINDOW_MINUTES - 1) * 60);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_MINUTES * 60);
    expect(res.headers['set-cookie']).toBeUndefined();

    // The account is refused from any address; other accounts are not.
    expect((await login(user.username, TEST_PASSWORD, newAddress())).status).toBe(429);
    const other = await account();
    expect((await login(other.username, TEST_PASSWORD, newAddress())).status).toBe(200);
  });

  it('counts failures per account whichever name was typed, username or e-mail', async () => {
    const user = await account(`throttle.${Date.now()}@ac-reunion.fr`);
    const address = newAddress();
    await fail(user.username, address);
    await fail(user.email!, address);
    await fail(user.email!.toUpperCase(), address);
    expect((await login(user.email!, TEST_PASSWORD, address)).status).toBe(429);
  });

  it(`refuses an address after ${PER_ADDRESS} failures on any accounts, while other addresses still sign in`, async () => {
    const user = await account();
    const address = newAddress();
    for (let i = 0; i < PER_ADDRESS; i++) await fail(`nobody-${address}-${i}`, address);

    const refused = await login(user.username, TEST_PASSWORD, address);
    expect(refused.status).toBe(429);
    expect(refused.body.detail).toBe(`Too many failed sign-ins for this address; try again in ${WINDOW_MINUTES} minute(s)`);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);

    expect((await login(user.username, TEST_PASSWORD, newAddress())).status).toBe(200);
  });

  it("clears an account's count on a successful sign-in", async () => {
    const user = await account();
    // A new address each round: the address's count is not cleared, and is not what this is about.
    for (let i = 0; i < PER_ACCOUNT - 1; i++) await fail(user.username, newAddress());
    expect((await login(user.username, TEST_PASSWORD, newAddress())).status).toBe(200);
    for (let i = 0; i < PER_ACCOUNT - 1; i++) await fail(user.username, newAddress());
    expect((await login(user.username, TEST_PASSWORD, newAddress())).status).toBe(200);
    // …but failures after the last success still count.
    for (let i = 0; i < PER_ACCOUNT; i++) await fail(user.username, newAddress());
    expect((await login(user.username, TEST_PASSWORD, newAddress())).status).toBe(429);
  });

  it('writes failed, throttled and successful sign-ins to the audit log with the client address', async () => {
    const user = await account();
    const address = newAddress();
    for (let i = 0; i < PER_ACCOUNT; i++) await fail(user.username, address);
    expect((await login(user.username, TEST_PASSWORD, address)).status).toBe(429);
    await fail('no-such-account', address);

    const failed = await auditOf('auth.login_failed', user.username);
    expect(failed).toHaveLength(PER_ACCOUNT);
    expect(failed[0]).toMatchObject({ ip: address, actorUserId: null, details: JSON.stringify({ reason: 'wrong_password' }) });
    const unknown = await auditOf('auth.login_failed', 'no-such-account');
    expect(unknown.at(-1)).toMatchObject({ ip: address, details: JSON.stringify({ reason: 'unknown_account' }) });
    const throttled = await auditOf('auth.login_throttled', user.username);
    expect(throttled).toEqual([expect.objectContaining({ ip: address, actorUserId: user.id })]);

    const other = await account();
    const otherAddress = newAddress();
    expect((await login(other.username, TEST_PASSWORD, otherAddress)).status).toBe(200);
    const succeeded = await auditOf('auth.login_succeeded', other.username);
    expect(succeeded).toEqual([
      expect.objectContaining({ ip: otherAddress, actorUserId: other.id, targetType: 'user', targetId: other.id, details: JSON.stringify({ method: 'password' }) }),
    ]);
  });
});
