import { gzipSync } from 'node:zlib';
import request, { type Test } from 'supertest';
import type { Problem } from '@preau/shared';
import { describeEachEngine } from '../../../../test/support/databases';
import { makeOrganisations, makeSchool } from '../../../../test/support/factories';
import { makeUser, signIn, TEST_PASSWORD } from '../../../../test/support/auth';
import type { SchoolEntity } from '../../modules/schools/school.entity';
import { TicketEntity } from '../../modules/tickets/ticket.entity';
import { fileReport, reportBody, ticketApp, type Person, type TicketApp } from '../../modules/tickets/__tests__/ticket-fixtures';

/** The body exactly as given: supertest would otherwise serialise a Buffer sent as JSON. */
const raw = (req: Test, contentType: string, body: string | Buffer) => req.set('Content-Type', contentType).serialize((data: unknown) => data as string).send(body);

describeEachEngine('request bodies the API cannot read', (db) => {
  let t: TicketApp;
  let teacher: Person;
  let colleague: Person;
  let school: SchoolEntity;
  let schoolId: number;
  let username: string;

  beforeAll(async () => {
    const ds = db().dataSource;
    t = await ticketApp(ds);
    school = await makeSchool(ds, await makeOrganisations(ds));
    schoolId = school.id;
    teacher = await t.person('teacher', school.id);
    colleague = await t.person('teacher', school.id);
    username = (await makeUser(ds, [{ role: 'teacher', organisationId: school.id }])).user.username;
  });

  const ticketCount = () => db().dataSource.getRepository(TicketEntity).count();
  const login = () => request(t.app).post('/api/v1/auth/login');
  const fileTicket = () => teacher.api.post('/api/v1/tickets');
  /** Signing in without a session, and filing a report with a Bearer token. */
  const targets = [
    { route: 'POST /auth/login (no session)', post: login, json: () => JSON.stringify({ username, password: TEST_PASSWORD }) },
    { route: 'POST /tickets', post: fileTicket, json: () => JSON.stringify(reportBody(schoolId)) },
  ];

  const expectProblem = (res: { status: number; type: string; body: Problem }, status: number, code: string, detail: RegExp) => {
    expect({ status: res.status, type: res.type, code: res.body.code }).toEqual({ status, type: 'application/problem+json', code });
    expect(res.body.detail).toMatch(detail);
  };

  it('answers an address with a malformed %-escape with 400, signed in or not', async () => {
    for (const res of [await teacher.api.get('/api/v1/tickets/%E0'), await request(t.app).get('/api/v1/tickets/%E0')]) {
      expectProblem(res, 400, 'MALFORMED_REQUEST', /malformed %-escape/);
    }
  });

  describe.each(targets)('$route', ({ post, json }) => {
    it('refuses a charset other than UTF-8 with 415, naming it, and files nothing', async () => {
      const before = await ticketCount();
      const res = await raw(post(), 'application/json; charset=latin1', json());
      expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE', /"latin1".*UTF-8/);
      expect(await ticketCount()).toBe(before);
    });

    it('refuses an unknown Content-Encoding with 415, and one the body does not match with 400', async () => {
      const compress = await raw(post().set('Content-Encoding', 'compress'), 'application/json', json());
      expectProblem(compress, 415, 'UNSUPPORTED_MEDIA_TYPE', /"compress" is not supported/);

      const notGzip = await raw(post().set('Content-Encoding', 'gzip'), 'application/json', json());
      expectProblem(notGzip, 400, 'MALFORMED_REQUEST', /could not be decompressed: it is not valid gzip/);
    });

    it('still reads a body that really is gzip', async () => {
      const res = await raw(post().set('Content-Encoding', 'gzip'), 'application/json', gzipSync(json()));
      expect(res.status).toBeLessThan(300);
    });

    it('answers a JSON body that is not an object (null, a string) with 422, saying it must be an object', async () => {
      for (const [body, received] of [
        ['null', 'null'],
        [' "text"', 'string'],
        ['42', 'number'],
      ] as const) {
        const res = await raw(post(), 'application/json', body);
        expectProblem(res, 422, 'VALIDATION_FAILED', /^The request body must be a JSON object$/);
        expect(res.body.errors).toEqual([{ path: [], message: `Expected a JSON object, received ${received}`, code: 'invalid_type' }]);
      }
      // Broken JSON stays a 400.
      expectProblem(await raw(post(), 'application/json', '{"title": '), 400, 'MALFORMED_REQUEST', /not valid JSON/);
    });

    it('refuses JSON sent as text/plain or as a form with 415, asking for application/json', async () => {
      const before = await ticketCount();
      expectProblem(await raw(post(), 'text/plain', json()), 415, 'UNSUPPORTED_MEDIA_TYPE', /application\/json: it was sent as text\/plain$/);
      expectProblem(
        await raw(post(), 'application/x-www-form-urlencoded', 'username=a&password=b'),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        /application\/json: it was sent as application\/x-www-form-urlencoded$/,
      );
      expect(await ticketCount()).toBe(before);
    });

    it('refuses a body over 1 MB with 413', async () => {
      const res = await raw(post(), 'application/json', JSON.stringify({ title: 'x'.repeat(1_100_000) }));
      expectProblem(res, 413, 'PAYLOAD_TOO_LARGE', /too large/);
    });
  });

  it('keeps the 401 before the 415 when a text/plain body comes without credentials', async () => {
    const res = await raw(request(t.app).post('/api/v1/tickets'), 'text/plain', JSON.stringify(reportBody(schoolId)));
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  describe('routes that take no JSON body', () => {
    it('follows a report and signs out on POSTs without a body or a Content-Type', async () => {
      const filed = await fileReport(teacher.api, schoolId);
      const follow = await colleague.api.post(`/api/v1/tickets/${filed.id}/follow`);
      expect(follow.status).toBe(200);
      expect(follow.body).toMatchObject({ id: filed.id, viewerFollows: true });
      // A body it does not read does not matter either.
      expect((await raw(colleague.api.post(`/api/v1/tickets/${filed.id}/follow`), 'text/plain', 'hello')).status).toBe(200);

      const { agent, csrfToken } = await signIn(t.app, username);
      const logout = await agent.post('/api/v1/auth/logout').set('X-CSRF-Token', csrfToken);
      expect(logout.status).toBe(204);
      expect((await agent.get('/api/v1/auth/session')).body.user).toBeNull();
    });

    it('still imports a CSV sent as text/plain', async () => {
      const csv = `Numéro d'inventaire;Type;UAI\r\nBODY-1;Ordinateur portable;${school.uai}\r\n`;
      const query = { communeId: school.communeId, key: 'assetTag', dryRun: 'true' };
      const res = await raw(t.admin.api.post('/api/v1/equipment/import').query(query), 'text/plain', csv);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ dryRun: true });
    });
  });
});
