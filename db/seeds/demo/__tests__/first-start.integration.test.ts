import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { DEMO_PASSWORD } from '@preau/shared';
import { startServer, type ServerProcess } from '../../../../test/support/server-process';
import { DEMO_INCIDENTS } from '../demo-incidents';

/** The README's quick start: a first `npm start` on an empty data folder shows the demo, incidents included. */
describe('first start on an empty embedded database', () => {
  let dataDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-first-start-'));
    server = await startServer({ DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'info' }, { timeoutMs: 90_000 });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const signedIn = async (username: string) => {
    const agent = request.agent(server.url);
    const login = await agent.post('/api/v1/auth/login').send({ username, password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    return agent;
  };

  it('files the demo incidents once, and the demo accounts find theirs', async () => {
    expect(server.output()).toContain(`demo incidents filed: ${DEMO_INCIDENTS.length}`);

    const admin = await signedIn('admin');
    const all = await admin.get('/api/v1/tickets').query({ pageSize: 100 });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(DEMO_INCIDENTS.length);

    const teacher = await signedIn('enseignant');
    const own = await teacher.get('/api/v1/tickets').query({ pageSize: 100 });
    const filedByTeacher = DEMO_INCIDENTS.filter((incident) => incident.by === 'enseignant').map((incident) => incident.title);
    expect(own.body.items.map((ticket: { title: string }) => ticket.title).sort()).toEqual(filedByTeacher.sort());

    const notifications = await teacher.get('/api/v1/me/notifications');
    expect(notifications.status).toBe(200);
    expect(notifications.body.unreadCount).toBeGreaterThan(0);
  });
});
