import { Router } from 'express';
import type { DataSource } from 'typeorm';
import type { Health } from '@preau/shared';
import { engineOf } from '../../db/data-source';

export function healthRoutes(dataSource: DataSource): Router {
  const router = Router();
  router.get('/health', async (_req, res) => {
    await dataSource.query('SELECT 1');
    const body: Health = { status: 'ok', database: engineOf(dataSource) };
    res.json(body);
  });
  return router;
}
