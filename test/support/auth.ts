import request from 'supertest';
import type { DataSource } from 'typeorm';
import type { Express } from 'express';
import { ROLE_ORGANISATION, type Role } from '@preau/shared';
import type { Services } from '../../server/src/app';
import { UserAccountEntity } from '../../server/src/modules/accounts/user-account.entity';
import { MembershipEntity } from '../../server/src/modules/accounts/membership.entity';
import { hashPassword } from '../../server/src/modules/accounts/passwords';
import { loadPrincipal } from '../../server/src/modules/auth/load-principal';
import { SYSTEM_ACTOR } from '../../server/src/http/actor';

/** A supertest agent with default headers (a Bearer token, say). */
export type Agent = ReturnType<typeof request.agent>;

export const TEST_PASSWORD = 'correct horse battery staple';
let sequence = 0;
let cachedHash: Promise<string> | undefined;

export interface TestUser {
  user: UserAccountEntity;
  password: string;
}

/** An enabled account with the given memberships (none: waiting for a role). */
export async function makeUser(
  dataSource: DataSource,
  memberships: { role: Role; organisationId: number | null }[],
  fields: Partial<Pick<UserAccountEntity, 'username' | 'email' | 'disabled' | 'displayName'>> = {},
): Promise<TestUser> {
  const n = ++sequence;
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const user = await dataSource.getRepository(UserAccountEntity).save({
    username: fields.username ?? `user-${process.pid}-${n}`,
    email: fields.email ?? null,
    displayName: fields.displayName ?? `Test user ${n}`,
    passwordHash: await cachedHash,
    disabled: fields.disabled ?? false,
    demo: false,
    ssoSubject: null,
    lastLoginAt: null,
  });
  for (const m of memberships) {
    await dataSource
      .getRepository(MembershipEntity)
      .insert({ userId: user.id, role: m.role, organisationKind: ROLE_ORGANISATION[m.role], organisationId: m.organisationId });
  }
  return { user, password: TEST_PASSWORD };
}

/** A personal API token of the account, made through the real token service. */
export async function tokenFor(services: Services, dataSource: DataSource, userId: number): Promise<string> {
  const principal = await loadPrincipal(dataSource, userId, 'session');
  if (!principal) throw new Error(`User ${userId} cannot hold a token`);
  return (await services.tokens.create(principal, { name: 'tests' }, SYSTEM_ACTOR)).token;
}

/** A supertest agent that sends a Bearer token of the given account on every request. */
export async function agentFor(app: Express, services: Services, dataSource: DataSource, userId: number): Promise<Agent> {
  const token = await tokenFor(services, dataSource, userId);
  return request.agent(app).set('Authorization', `Bearer ${token}`);
}

/** An agent signed in as a fresh administrator (API tests that are not about authorisation). */
export async function adminAgent(app: Express, services: Services, dataSource: DataSource): Promise<Agent> {
  const { user } = await makeUser(dataSource, [{ role: 'admin', organisationId: null }]);
  return agentFor(app, services, dataSource, user.id);
}

/** Signs in with a password through the API, as a browser would: the agent keeps the cookie. */
export async function signIn(app: Express, username: string, password = TEST_PASSWORD) {
  const agent = request.agent(app);
  const res = await agent.post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`sign-in of ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { agent, csrfToken: res.body.csrfToken as string, session: res.body };
}
