import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createTestDatabase, MYSQL_SKIP_LABEL, TEST_MYSQL_URL, type TestDatabase } from '../support/databases';
import { makeUser, TEST_PASSWORD } from '../support/auth';
import { makeOrganisations, makeUai, type OrgFixture } from '../support/factories';
import { startServer, type ServerProcess } from '../support/server-process';
import { sessionCookieOf } from './session-cookie';

const TITLE = 'sessions shared by two server processes on one MariaDB database';
const describeOnMariaDb = TEST_MYSQL_URL ? describe : describe.skip;

describeOnMariaDb(TEST_MYSQL_URL ? TITLE : `${TITLE} (${MYSQL_SKIP_LABEL})`, () => {
  let database: TestDatabase | undefined;
  let dataDir: string | undefined;
  let servers: ServerProcess[] = [];
  let org: OrgFixture;

  beforeAll(async () => {
    database = await createTestDatabase('mysql');
    if (database.config.engine !== 'mysql') throw new Error('expected a MariaDB database');
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-processes-'));
    const env = {
      DATABASE_URL: database.config.url,
      // Shared, as on several machines behind a load balancer: each process checks the other's cookies.
      SESSION_SECRET: 'the secret both processes share, long enough',
      DEMO_DATA: 'off',
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
      DATA_DIR: dataDir,
    };
    servers = await Promise.all([startServer(env), startServer(env)]);
    org = await makeOrganisations(database.dataSource);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('signs in on one process, reads and writes on the other, signs out there for both', async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    expect(a.port).not.toBe(b.port);
    const { user } = await makeUser(database!.dataSource, [{ role: 'city_manager', organisationId: org.commune.id }]);

    const login = await request(a.url).post('/api/v1/auth/login').send({ username: user.username, password: TEST_PASSWORD });
    expect(login.status).toBe(200);
    const cookie = sessionCookieOf(login);
    const csrfToken = login.body.csrfToken as string;

    const onB = await request(b.url).get('/api/v1/auth/session').set('Cookie', cookie);
    expect(onB.body.user?.id).toBe(user.id);
    expect(onB.body.csrfToken).toBe(csrfToken);
    expect((await request(b.url).get(`/api/v1/users/${user.id}`).set('Cookie', cookie)).status).toBe(200);

    const created = await request(b.url)
      .post('/api/v1/schools')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrfToken)
      .send({ uai: makeUai(), name: 'École des deux serveurs', type: 'EE', communeId: org.commune.id, circonscriptionId: org.circonscription.id });
    expect(created.status).toBe(201);
    expect((await request(a.url).get(`/api/v1/schools/${created.body.id}`).set('Cookie', cookie)).body.name).toBe('École des deux serveurs');

    const logout = await request(b.url).post('/api/v1/auth/logout').set('Cookie', cookie).set('X-CSRF-Token', csrfToken);
    expect(logout.status).toBe(204);
    expect((await request(a.url).get('/api/v1/auth/session').set('Cookie', cookie)).body.user).toBeNull();
    const refused = await request(a.url).get(`/api/v1/users/${user.id}`).set('Cookie', cookie);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('UNAUTHENTICATED');
  });
});
