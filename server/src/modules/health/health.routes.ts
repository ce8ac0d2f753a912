import type { DataSource } from 'typeorm';
import type { Health } from '@preau/shared';
import { engineOf } from '../../db/data-source';
import { PUBLIC, type ApiRouter } from '../../http/access';

export function healthRoutes(api: ApiRouter, dataSource: DataSource): void {
  api.get('/health', PUBLIC, async (_req, res) => {
    await dataSource.query('SELECT 1');
    const body: Health = { status: 'ok', database: engineOf(dataSource) };
    res.json(body);
  });
}
