import type { DataSource, EntityManager } from 'typeorm';
import { CommuneTicketSettingsReplace, OPEN_TICKET_STATUSES, calendarHintsForAcademy, type CommuneTicketSettingsView, type TicketConfigCommunes } from '@preau/shared';
import { isUniqueViolation } from '../../db/driver-errors';
import { updateVersioned } from '../../db/versioned-update';
import type { DomainEvents } from '../../events/domain-events';
import { versionConflict } from '../../http/app-error';
import { parse } from '../../http/validate';
import type { Actor } from '../../http/actor';
import type { AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/principal';
import { CommuneTicketSettingsEntity } from '../tickets/commune-settings.entity';
import { readSettings } from '../tickets/ticket-clock';
import { communesWorkedBy, configuresCommune, ensureCommuneReadable, ensureConfigures } from './commune-access';

/** A commune's ticket settings: director approval, working calendar, service targets, reopening and closing delays. */
export class TicketSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: DomainEvents,
  ) {}

  /** The communes whose ticket configuration the principal opens, by name, and which of them they change. */
  async communes(principal: Principal): Promise<TicketConfigCommunes> {
    const manager = this.dataSource.manager;
    const worked = await communesWorkedBy(manager, principal);
    const configuresGlobalRules = configuresCommune(principal, null);
    if (worked?.length === 0) return { items: [], configuresGlobalRules };
    const query = manager.createQueryBuilder().select(['c.id AS id', 'c.name AS name']).from('commune', 'c');
    if (worked !== null) query.where('c.id IN (:...worked)', { worked });
    const rows: { id: number | string; name: string }[] = await query.getRawMany();
    const items = rows.map((row) => ({ id: Number(row.id), name: row.name, configurable: configuresCommune(principal, Number(row.id)) }));
    return { items: items.sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.id - b.id), configuresGlobalRules };
  }

  async get(principal: Principal, communeId: number): Promise<CommuneTicketSettingsView> {
    const manager = this.dataSource.manager;
    await ensureCommuneReadable(manager, principal, communeId);
    return view(manager, communeId);
  }

  /**
   * Replaces the settings whole; a field left out takes its default. For the calendar that is
   * the académie's (its time zone, holiday zone and regional holidays), as for a commune that
   * saved nothing: it is stored as null, so it follows the académie's calendar when that changes.
   */
  async replace(principal: Principal, communeId: number, body: unknown, actor: Actor): Promise<CommuneTicketSettingsView> {
    const saved = await this.dataSource.transaction(async (manager) => {
      await ensureConfigures(manager, principal, communeId);
      const { version, ...settings } = parse(CommuneTicketSettingsReplace, body);
      const columns = {
        requireDirectorApproval: settings.requireDirectorApproval,
        calendar: leftOut(body, 'calendar') ? null : JSON.stringify(settings.calendar),
        targets: JSON.stringify(settings.targets),
        reopenDays: settings.reopenDays,
        autoCloseDays: settings.autoCloseDays,
      };
      await saveVersioned(manager, communeId, version, columns);
      await this.audit.record(
        actor,
        { action: 'commune_ticket_settings.updated', targetType: 'commune', targetId: communeId, communeId, details: { settings } },
        manager,
      );
      return view(manager, communeId);
    });
    this.events.publish({ name: 'ticket-settings:changed', payload: { communeId, version: saved.version } });
    return saved;
  }
}

const WHAT = 'Ticket settings of commune';

/**
 * Writes the commune's row: the first save inserts it (version 1), later ones update it, each
 * only from the version the caller read when they sent one. Two first saves at once meet on the
 * primary key; two later ones on the version.
 */
async function saveVersioned(manager: EntityManager, communeId: number, version: number | undefined, columns: Omit<CommuneTicketSettingsEntity, 'communeId' | 'version'>): Promise<void> {
  const repository = manager.getRepository(CommuneTicketSettingsEntity);
  const current = (await repository.findOne({ where: { communeId }, select: { communeId: true, version: true } }))?.version ?? 0;
  if (version !== undefined && version !== current) throw versionConflict(WHAT, communeId);
  if (current > 0) return updateVersioned(manager, CommuneTicketSettingsEntity, WHAT, communeId, current, columns, 'communeId');
  try {
    await repository.insert({ communeId, ...columns });
  } catch (error) {
    if (isUniqueViolation(error)) throw versionConflict(WHAT, communeId);
    throw error;
  }
}

const leftOut = (body: unknown, field: string) => typeof body !== 'object' || body === null || !(field in body) || (body as Record<string, unknown>)[field] === undefined;

/** The settings in force (what the ticket clock reads), and what the académie suggests for the calendar. */
async function view(manager: EntityManager, communeId: number): Promise<CommuneTicketSettingsView> {
  const { settings, stored, version, academyCode } = await readSettings(manager, communeId);
  // Open statuses named, so the (commune, status) index finds them among a large commune's tickets.
  const held: { count: number | string }[] = await manager.query(
    `SELECT COUNT(*) AS count FROM ticket WHERE commune_id = ? AND status IN (${OPEN_TICKET_STATUSES.map(() => '?').join(', ')}) AND approval = 'pending'`,
    [communeId, ...OPEN_TICKET_STATUSES],
  );
  return { communeId, stored, version, awaitingApproval: Number(held[0]?.count ?? 0), settings, calendarHints: academyCode === null ? null : calendarHintsForAcademy(academyCode) };
}
