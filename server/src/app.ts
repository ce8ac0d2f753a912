import fs from 'node:fs';
import path from 'node:path';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import type { Logger } from './logger';
import { apiNotFound, errorHandler } from './http/error-handler';
import { healthRoutes } from './modules/health/health.routes';
import { OrganisationsService } from './modules/organisations/organisations.service';
import { organisationsRoutes } from './modules/organisations/organisations.routes';
import { SchoolsService } from './modules/schools/schools.service';
import { schoolsRoutes } from './modules/schools/schools.routes';
import { RoomsService } from './modules/schools/rooms.service';
import { roomsRoutes } from './modules/schools/rooms.routes';
import { EquipmentService } from './modules/equipment/equipment.service';
import { equipmentRoutes } from './modules/equipment/equipment.routes';
import { EquipmentCsvService } from './modules/equipment-csv/equipment-csv.service';
import { equipmentCsvRoutes } from './modules/equipment-csv/equipment-csv.routes';

export interface AppDeps {
  config: Readonly<Config>;
  dataSource: DataSource;
  logger: Logger;
}

export interface Services {
  organisations: OrganisationsService;
  schools: SchoolsService;
  rooms: RoomsService;
  equipment: EquipmentService;
  equipmentCsv: EquipmentCsvService;
}

/** Composition root: builds the services once and mounts their routers. */
export function createApp({ config, dataSource, logger }: AppDeps): { app: Express; services: Services } {
  const organisations = new OrganisationsService(dataSource);
  const schools = new SchoolsService(dataSource);
  const rooms = new RoomsService(dataSource);
  const equipment = new EquipmentService(dataSource);
  const equipmentCsv = new EquipmentCsvService(dataSource, equipment);
  const services: Services = { organisations, schools, rooms, equipment, equipmentCsv };

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.use(helmet());
  if (config.env !== 'test') app.use(pinoHttp({ logger }));

  const api = express.Router();
  api.use(express.json({ limit: '1mb' }));
  api.use(healthRoutes(dataSource));
  api.use(organisationsRoutes(organisations));
  api.use(schoolsRoutes(schools));
  api.use(roomsRoutes(rooms));
  // CSV routes first: /equipment/export.csv must not be read as /equipment/:id.
  api.use(equipmentCsvRoutes(equipmentCsv, config));
  api.use(equipmentRoutes(equipment));
  api.use(apiNotFound);
  app.use('/api/v1', api);

  const indexHtml = path.join(config.clientDist, 'index.html');
  if (fs.existsSync(indexHtml)) {
    app.use(express.static(config.clientDist, { index: false, maxAge: '1h' }));
    // Client-side routes: every other GET serves the single-page app.
    app.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile(indexHtml));
  }

  app.use(errorHandler(logger));
  return { app, services };
}
