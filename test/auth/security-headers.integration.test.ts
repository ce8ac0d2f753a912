import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request, { type Response } from 'supertest';
import type { Express } from 'express';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { createLogger } from '../../server/src/logger';
import { describeEachEngine } from '../support/databases';
import { adminAgent, type Agent } from '../support/auth';

const INDEX_HTML = '<!doctype html><html lang="fr"><head><script type="module" src="/assets/app.js"></script></head><body><div id="app"></div></body></html>';

/** CSP directives by name: `{ 'script-src': ["'self'"] }`. */
function directives(res: Response): Map<string, string[]> {
  const header = String(res.headers['content-security-policy'] ?? '');
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

function expectSecurityHeaders(res: Response): void {
  const csp = directives(res);
  expect(csp.get('default-src')).toEqual(["'self'"]);
  expect(csp.get('script-src')).toEqual(["'self'"]);
  expect(csp.get('object-src')).toEqual(["'none'"]);
  expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
  expect(String(res.headers['content-security-policy'])).not.toContain("'unsafe-eval'");
  expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d{7,}; includeSubDomains/);
  expect(res.headers['x-powered-by']).toBeUndefined();
}

describeEachEngine('security headers', (db) => {
  let clientDist: string;
  let app: Express;
  let api: Agent;

  beforeAll(async () => {
    // The real client/dist may be missing or stale: a minimal built client is enough for headers.
    clientDist = fs.mkdtempSync(path.join(os.tmpdir(), 'preau-client-'));
    fs.mkdirSync(path.join(clientDist, 'assets'));
    fs.writeFileSync(path.join(clientDist, 'index.html'), INDEX_HTML);
    fs.writeFileSync(path.join(clientDist, 'assets/app.js'), 'document.getElementById("app").textContent = "Préau";\n');
    const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' } as NodeJS.ProcessEnv), clientDist };
    const built = createApp({ config, dataSource: db().dataSource, logger: createLogger('silent') });
    app = built.app;
    api = await adminAgent(app, built.services, db().dataSource);
  });

  afterAll(() => {
    fs.rmSync(clientDist, { recursive: true, force: true });
  });

  it('sends the helmet headers and no-store on API answers, successes and errors alike', async () => {
    const responses = [
      await api.get('/api/v1/users'),
      await request(app).get('/api/v1/auth/session'),
      await request(app).get('/api/v1/users'),
      await api.get('/api/v1/no-such-route'),
      await api.get('/api/v1/users/999999'),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 200, 401, 404, 404]);
    for (const res of responses) {
      expectSecurityHeaders(res);
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('sends the same headers with the single-page app and its assets', async () => {
    for (const route of ['/', '/schools/12', '/assets/app.js']) {
      const res = await request(app).get(route);
      expect(res.status).toBe(200);
      expectSecurityHeaders(res);
    }
    const page = await request(app).get('/equipment');
    expect(page.type).toBe('text/html');
    expect(page.text).toBe(INDEX_HTML);
  });
});
