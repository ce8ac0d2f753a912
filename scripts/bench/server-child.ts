/**
 * Child process entry: runs one server under test, the app or the raw baseline, on
 * 127.0.0.1 and a free port, in a process of its own so it does not share an event loop
 * with autocannon. Told what to run over IPC; answers `{ port }` once it listens. The app
 * also answers capture requests: it fetches a URL from itself and returns the SQL that ran.
 * Stops on 'stop', or when the parent goes away.
 */
import http from 'node:http';
import { createApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { openDataSource } from '../../server/src/db/data-source';
import { createLogger } from '../../server/src/logger';
import { CapturingLogger } from './capture-sql';
import { startRawServer } from './raw-baseline';
import type { CaptureReply, CaptureRequest, ServerRequest } from './server-process';

const HOST = '127.0.0.1';

interface Started {
  port: number;
  capture?(request: CaptureRequest): Promise<CaptureReply>;
  close(): Promise<void>;
}

async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, resolve);
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return address.port;
}

async function startApp(env: Record<string, string>): Promise<Started> {
  const config = loadConfig({ ...env, HOST, PORT: '0' } as NodeJS.ProcessEnv);
  const dataSource = await openDataSource(config.database);
  const { app } = createApp({ config, dataSource, logger: createLogger(config.logLevel) });
  const server = http.createServer(app);
  const port = await listen(server);
  const usual = dataSource.logger;
  const capturing = new CapturingLogger();
  return {
    port,
    // The capturing logger is in place only while the one request runs; load runs with the app's own.
    capture: async ({ id, url, headers }) => {
      dataSource.setOptions({ logger: capturing });
      capturing.start();
      try {
        const response = await fetch(`http://${HOST}:${port}${url}`, { headers });
        return { id, status: response.status, body: await response.text(), queries: capturing.stop() };
      } finally {
        capturing.stop();
        dataSource.setOptions({ logger: usual });
      }
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dataSource.destroy();
    },
  };
}

function send(message: unknown): void {
  if (!process.send) throw new Error('server-child.ts runs as a child process with an IPC channel');
  process.send(message);
}

process.once('message', (request: ServerRequest) => {
  const started: Promise<Started> = request.kind === 'app' ? startApp(request.env) : startRawServer(request.spec, HOST);
  started.then(
    (server) => {
      process.on('message', (message: 'stop' | CaptureRequest) => {
        if (message === 'stop') {
          void server.close().finally(() => process.exit(0));
        } else if (!server.capture) {
          send({ id: message.id, error: 'only the app captures its SQL' });
        } else {
          server.capture(message).then(send, (error: unknown) => send({ id: message.id, error: String(error) }));
        }
      });
      send({ port: server.port });
    },
    (error: unknown) => {
      console.error(`${request.kind} server failed to start:`, error);
      process.exit(1);
    },
  );
});
process.once('disconnect', () => process.exit(0));
