import { z } from 'zod';
import { EquipmentKind, EquipmentStatus } from './equipment';
import { OrganisationKind } from './accounts';
import { SupportLevel } from './routing';
import { TicketStatus } from './tickets';

/** Most entries a digest lists per section; the totals still count them all. */
export const DIGEST_LIST_MAX = 20;

/** An organisation a digest covers (`global` for an administrator's preview). */
export const DigestScope = z.object({ kind: OrganisationKind, id: z.number().int().nullable(), name: z.string() });
export type DigestScope = z.infer<typeof DigestScope>;

export const DigestTicket = z.object({
  id: z.number().int(),
  reference: z.string().nullable(),
  title: z.string(),
  schoolName: z.string(),
  level: SupportLevel,
  status: TicketStatus,
  createdAt: z.string(),
  /** Null while the clock does not run (awaiting approval, or waiting). */
  resolutionDueAt: z.string().nullable(),
});
export type DigestTicket = z.infer<typeof DigestTicket>;

export const DigestItem = z.object({
  id: z.number().int(),
  assetTag: z.string(),
  kind: EquipmentKind,
  status: EquipmentStatus,
  /** Null for commune stock. */
  schoolName: z.string().nullable(),
  roomName: z.string().nullable(),
  warrantyEndsOn: z.string().nullable(),
});
export type DigestItem = z.infer<typeof DigestItem>;

const section = <T extends z.ZodType>(entry: T) => z.object({ total: z.number().int(), items: z.array(entry) });

/**
 * The weekly digest of ERUN and city managers over their scope (`GET /digests/preview` for the
 * caller's): the week's new incidents, incidents overdue now, items out of service now and
 * warranties ending within `WARRANTY_HORIZON_DAYS`. Lists hold at most `DIGEST_LIST_MAX` entries.
 */
export const WeeklyDigest = z.object({
  /** The week covered: from `periodStart` (included) to `periodEnd` (excluded), ISO instants. */
  periodStart: z.string(),
  periodEnd: z.string(),
  scopes: z.array(DigestScope),
  newIncidents: section(DigestTicket),
  overdueIncidents: section(DigestTicket),
  outOfService: section(DigestItem),
  warrantiesEnding: section(DigestItem),
});
export type WeeklyDigest = z.infer<typeof WeeklyDigest>;
