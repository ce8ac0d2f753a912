import fs from 'node:fs';
import path from 'node:path';
import express, { type Express, type RequestHandler } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { DataSource } from 'typeorm';
import type { Config } from './config';
import type { Logger } from './logger';
import { ApiRouter, type RouteEntry } from './http/access';
import { apiNotFound, errorHandler } from './http/error-handler';
import { jsonBody } from './http/json-body';
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
import { AuditService } from './modules/audit/audit.service';
import { auditRoutes } from './modules/audit/audit.routes';
import { TokensService } from './modules/accounts/tokens.service';
import { tokensRoutes } from './modules/accounts/tokens.routes';
import { UsersService } from './modules/accounts/users.service';
import { usersRoutes } from './modules/accounts/users.routes';
import { DatabaseSessionStore } from './modules/auth/session-store';
import { resolveSessionSecret } from './modules/auth/session-secret';
import { enforceMaxSessionAge, sessionMiddleware } from './modules/auth/session-middleware';
import { createPassport } from './modules/auth/passport';
import { LoginThrottle } from './modules/auth/login-throttle';
import { bearerAuthentication } from './modules/auth/bearer';
import { requireCsrfToken } from './modules/auth/csrf';
import { authRoutes } from './modules/auth/auth.routes';
import { ssoRoutes } from './modules/auth/oidc/sso.routes';
import { DomainEvents } from './events/domain-events';
import { TicketsService } from './modules/tickets/tickets.service';
import { TicketWorkflowService } from './modules/tickets/ticket-workflow.service';
import { ticketsRoutes } from './modules/tickets/tickets.routes';
import { TicketFollowers } from './modules/tickets/ticket-followers';
import { TicketHandoverService } from './modules/tickets/ticket-handover.service';
import { NotificationsService } from './modules/notifications/notifications.service';
import { notificationsRoutes } from './modules/notifications/notifications.routes';
import { ExternalContactsService } from './modules/notifications/external-contacts.service';
import { externalContactsRoutes } from './modules/notifications/external-contacts.routes';
import { Notifier } from './modules/notifications/notifier';
import { createMailer } from './modules/notifications/mailer';
import { RoutingRulesService } from './modules/routing/routing-rules.service';
import { routingRulesRoutes } from './modules/routing/routing-rules.routes';
import { TicketSettingsService } from './modules/ticket-settings/ticket-settings.service';
import { ticketSettingsRoutes } from './modules/ticket-settings/ticket-settings.routes';
import { TicketAttachmentsService } from './modules/attachments/attachments.service';
import { attachmentFilesIn } from './modules/attachments/attachment-files';
import { attachmentsRoutes } from './modules/attachments/attachments.routes';
import { LabelsService } from './modules/labels/labels.service';
import { labelsRoutes } from './modules/labels/labels.routes';
import { DigestService } from './modules/digests/digest.service';
import { digestsRoutes } from './modules/digests/digests.routes';
import { DashboardService, type Clock } from './modules/dashboard/dashboard.service';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes';
import { LifetimesService } from './modules/fleet-settings/lifetimes.service';
import { MobileClassPlansService } from './modules/fleet-settings/mobile-class-plans.service';
import { fleetSettingsRoutes } from './modules/fleet-settings/fleet-settings.routes';
import { SteeringReportService } from './modules/steering-report/steering-report.service';
import { steeringReportRoutes } from './modules/steering-report/steering-report.routes';
import { EntSubscriptionsService } from './modules/ent-subscriptions/ent-subscriptions.service';
import { entSubscriptionsRoutes } from './modules/ent-subscriptions/ent-subscriptions.routes';

export interface AppDeps {
  config: Readonly<Config>;
  dataSource: DataSource;
  logger: Logger;
  /** What time it is for date-based figures (dashboards); tests give a fixed one. Default: the system clock. */
  clock?: Clock;
}

export interface Services {
  organisations: OrganisationsService;
  schools: SchoolsService;
  rooms: RoomsService;
  equipment: EquipmentService;
  equipmentCsv: EquipmentCsvService;
  audit: AuditService;
  users: UsersService;
  tokens: TokensService;
  sessions: DatabaseSessionStore;
  tickets: TicketsService;
  ticketWorkflow: TicketWorkflowService;
  routingRules: RoutingRulesService;
  ticketSettings: TicketSettingsService;
  /** Photos of incidents; their files in DATA_DIR/attachments. */
  attachments: TicketAttachmentsService;
  /** What just happened, for live events and notifications. */
  events: DomainEvents;
  notifications: NotificationsService;
  externalContacts: ExternalContactsService;
  /** Tells the people concerned (in-app, e-mail); `notifyBreach` for the deadline sweep, `idle()` for tests. */
  notifier: Notifier;
}

export interface App {
  app: Express;
  services: Services;
  /** Every API route with its access rule (README table, authorisation matrix test). */
  routeTable: RouteEntry[];
  /** Session, Passport and absolute-age middleware, also run on Socket.IO handshakes. */
  sessionAuth: RequestHandler[];
}

/** Composition root: builds the services once and mounts their routes behind authentication. */
export function createApp({ config, dataSource, logger, clock }: AppDeps): App {
  const audit = new AuditService(dataSource);
  const events = new DomainEvents();
  const sessions = new DatabaseSessionStore(dataSource, config.session.idleMs, events);
  const organisations = new OrganisationsService(dataSource, audit);
  const schools = new SchoolsService(dataSource, audit);
  const rooms = new RoomsService(dataSource, audit);
  const equipment = new EquipmentService(dataSource, audit, events);
  const equipmentCsv = new EquipmentCsvService(dataSource, equipment, audit);
  const users = new UsersService(dataSource, audit, sessions, events);
  const tokens = new TokensService(dataSource, audit, events);
  const tickets = new TicketsService(dataSource, equipment, audit, events);
  const ticketWorkflow = new TicketWorkflowService(dataSource, equipment, audit, events);
  const routingRules = new RoutingRulesService(dataSource, audit, events);
  const ticketSettings = new TicketSettingsService(dataSource, audit, events);
  const attachments = new TicketAttachmentsService(dataSource, attachmentFilesIn(config.dataDir), events);
  const notifications = new NotificationsService(dataSource);
  const externalContacts = new ExternalContactsService(dataSource, audit);
  const notifier = new Notifier({ dataSource, events, logger, mailer: createMailer(config.mail), publicUrl: config.publicUrl });
  const services: Services = { organisations, schools, rooms, equipment, equipmentCsv, audit, users, tokens, sessions, tickets, ticketWorkflow, routingRules, ticketSettings, attachments, events, notifications, externalContacts, notifier };

  const secret = resolveSessionSecret(config);
  const passport = createPassport(dataSource, audit, new LoginThrottle(audit, config.loginThrottle));

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'extended');
  app.set('trust proxy', config.trustProxy);
  app.use(helmet());
  if (config.env !== 'test') {
    app.use(
      pinoHttp({
        logger,
        // Session cookies, tokens and single sign-on codes are credentials: never in the logs.
        redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
        serializers: { req: (req: { method: string; url: string; headers: unknown }) => ({ ...req, url: req.url.split('?')[0] }) },
      }),
    );
  }

  const sessionAuth = [sessionMiddleware(config, sessions, secret), passport.initialize(), passport.session(), enforceMaxSessionAge(config.session.maxAgeMs)];
  const api = new ApiRouter();
  healthRoutes(api, dataSource);
  authRoutes(api, { config, dataSource, passport, secret });
  ssoRoutes(api, { config, dataSource, audit, logger });
  tokensRoutes(api, tokens);
  usersRoutes(api, users);
  auditRoutes(api, audit);
  organisationsRoutes(api, organisations);
  schoolsRoutes(api, schools);
  roomsRoutes(api, rooms);
  // CSV routes first: /equipment/export.csv must not be read as /equipment/:id.
  equipmentCsvRoutes(api, equipmentCsv, config);
  equipmentRoutes(api, equipment);
  ticketsRoutes(api, tickets, ticketWorkflow, new TicketFollowers(() => dataSource.manager), new TicketHandoverService(dataSource, ticketWorkflow));
  attachmentsRoutes(api, attachments, config);
  notificationsRoutes(api, notifications);
  externalContactsRoutes(api, externalContacts);
  routingRulesRoutes(api, routingRules);
  ticketSettingsRoutes(api, ticketSettings);
  labelsRoutes(api, new LabelsService(dataSource), config);
  digestsRoutes(api, new DigestService(dataSource));
  dashboardRoutes(api, new DashboardService(dataSource, clock));
  fleetSettingsRoutes(api, new LifetimesService(dataSource, audit), new MobileClassPlansService(dataSource, audit));
  steeringReportRoutes(api, new SteeringReportService(dataSource, clock));
  entSubscriptionsRoutes(api, new EntSubscriptionsService(dataSource, audit));

  app.use(
    '/api/v1',
    (_req, res, next) => {
      // API answers are personal, errors included: never kept by shared caches.
      res.setHeader('Cache-Control', 'no-store');
      next();
    },
    jsonBody('1mb'),
    ...sessionAuth,
    bearerAuthentication(tokens),
    requireCsrfToken(secret),
    api.router,
    apiNotFound,
  );

  const indexHtml = path.join(config.clientDist, 'index.html');
  if (fs.existsSync(indexHtml)) {
    app.use(express.static(config.clientDist, { index: false, maxAge: '1h' }));
    // Client-side routes: every other GET serves the single-page app.
    app.get(/^(?!\/api\/).*/, (_req, res) => res.sendFile(indexHtml));
  }

  app.use(errorHandler(logger));
  return { app, services, routeTable: api.table, sessionAuth };
}
