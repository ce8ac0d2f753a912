import { z } from 'zod';
import { Id, PageQuery, QueryBoolean, sortParam } from './common';
import { ComposedText } from './composed-texts';
import { GroupKind, Impact, Priority, SupportLevel, TicketCategory, Urgency } from './routing';

/** Where a ticket stands; `waiting` (on the reporter or a third party) pauses the clock. */
export const TicketStatus = z.enum(['new', 'assigned', 'in_progress', 'waiting', 'resolved', 'closed']);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const OPEN_TICKET_STATUSES: readonly TicketStatus[] = ['new', 'assigned', 'in_progress', 'waiting'];

/**
 * Director approval before a teacher's report leaves the school (off unless the commune asks):
 * `pending` waits for the director, who approves it (`approved`, sent on) or answers it at the
 * school (`answered`, resolved without the support; a reopening makes it `pending` again).
 */
export const ApprovalStatus = z.enum(['not_required', 'pending', 'approved', 'answered']);
export type ApprovalStatus = z.infer<typeof ApprovalStatus>;

/** `INC-2026-000123`: the year of the report (UTC) and the ticket's number. */
export const TICKET_REFERENCE_PATTERN = /^INC-\d{4}-\d{6,}$/;

/** The longest text of a report, a comment, a note or a reason: the forms stop typing there. */
export const TICKET_TEXT_MAX = 5000;

export const TicketCreate = z.object({
  schoolId: z.number().int().positive(),
  /** Optional: some incidents concern a service (internet link, ENT, mail) rather than an item. */
  equipmentId: z.number().int().positive().nullish().transform((value) => value ?? null),
  category: TicketCategory,
  title: z.string().trim().min(3, 'Say in a few words what is wrong').max(150),
  description: z.string().trim().max(TICKET_TEXT_MAX).default(''),
  impact: Impact,
  urgency: Urgency,
  /** When the technician may come (schools are closed at times), as the reporter writes it. */
  availability: z.string().trim().max(500).nullish().transform((value) => value || null),
});
export type TicketCreate = z.input<typeof TicketCreate>;
export type TicketCreateParsed = z.output<typeof TicketCreate>;

/** The group holding a ticket, as people read it. */
export const TicketGroup = z.object({
  kind: GroupKind,
  /** Circonscription, commune or académie id, depending on the kind; null for external parties. */
  organisationId: z.number().int().nullable(),
  /** For external parties: the supplier or editor named on the item. */
  externalName: z.string().nullable(),
  label: z.string(),
});
export type TicketGroup = z.infer<typeof TicketGroup>;

export const TicketRouting = z.object({
  rule: z.string(),
  /** Why, in French as stored: the routing rule's own message, or a sentence the server composed. */
  reason: z.string(),
  /** The composed sentence as a key and parameters (`renderRoutingReason`); null for a rule's own message. */
  reasonText: ComposedText.nullable(),
  outOfScope: z.boolean(),
  /** The school's director follows the ticket, as the rule that routed it asked (security reports). */
  directorInformed: z.boolean(),
});
export type TicketRouting = z.infer<typeof TicketRouting>;

export const Ticket = z.object({
  id: z.number().int(),
  reference: z.string(),
  school: z.object({ id: z.number().int(), name: z.string(), uai: z.string() }),
  communeId: z.number().int(),
  equipment: z.object({ id: z.number().int(), assetTag: z.string(), kind: z.string() }).nullable(),
  category: TicketCategory,
  title: z.string(),
  description: z.string(),
  impact: Impact,
  urgency: Urgency,
  priority: Priority,
  status: TicketStatus,
  approval: ApprovalStatus,
  level: SupportLevel,
  assignedGroup: TicketGroup,
  assignee: z.object({ id: z.number().int(), displayName: z.string() }).nullable(),
  reporter: z.object({ id: z.number().int(), displayName: z.string() }),
  availability: z.string().nullable(),
  routing: TicketRouting,
  firstResponseDueAt: z.string().nullable(),
  resolutionDueAt: z.string().nullable(),
  firstRespondedAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  /** True once a due date passed before the matching step happened. */
  breached: z.boolean(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Ticket = z.infer<typeof Ticket>;

/** One line of a ticket's timeline: who, when, what, and for routing the rule that decided it. */
export const TicketEventKind = z.enum([
  'created',
  'routed',
  'approved',
  /** The director answered a report awaiting approval at the school: the answer resolves it. */
  'answered',
  'status',
  'assigned',
  'escalated',
  'deescalated',
  'reassigned',
  /** The holding group corrected the category: `from` and `to` are category codes. */
  'recategorized',
  'comment',
  'note',
  'attachment',
  'resolved',
  'reopened',
  'closed',
  'breach_warning',
  'breached',
]);
export type TicketEventKind = z.infer<typeof TicketEventKind>;

/** The `to` of an `assigned` entry that puts the ticket back in its group's queue (stored in French, as the timeline's names are). */
export const BACK_TO_GROUP_QUEUE = 'file du groupe';

export const TicketEvent = z.object({
  id: z.number().int(),
  kind: TicketEventKind,
  at: z.string(),
  actor: z.object({ id: z.number().int().nullable(), label: z.string() }),
  /** Comment or note text, escalation diagnosis, resolution; for `routed`, the routing reason. */
  body: z.string().nullable(),
  /** The body as a key and parameters when the server composed it (`renderRoutingReason`), else null. */
  bodyText: ComposedText.nullable(),
  /** Internal notes are shown to support staff only. */
  internal: z.boolean(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** For routing decisions: the rule that fired and why. */
  rule: z.string().nullable(),
});
export type TicketEvent = z.infer<typeof TicketEvent>;

export const TicketDetail = Ticket.extend({
  /** The reader is in the group holding the ticket, so may take, escalate and resolve it. */
  viewerHolds: z.boolean(),
  /** The reader follows this report, filed by someone else (see `POST /tickets/:id/follow`). */
  viewerFollows: z.boolean(),
  /** A resolved ticket: until when the reporter may reopen it (null: not resolved, or reopening is off). */
  reopenUntil: z.string().nullable(),
  timeline: z.array(TicketEvent),
});
export type TicketDetail = z.infer<typeof TicketDetail>;

/** What `POST /tickets` answers: the ticket and, as the issue names them, its routing and due dates. */
export type TicketCreated = TicketDetail;

const Versioned = z.object({ version: z.number().int().min(1) });

export const TicketEscalate = Versioned.extend({
  /** The level-1 (or level-2) diagnosis: required, the next level starts from it. */
  note: z.string().trim().min(10, 'Write the diagnosis for the next level (10 characters at least)').max(TICKET_TEXT_MAX),
});
export const TicketDeescalate = Versioned.extend({ note: z.string().trim().min(3).max(TICKET_TEXT_MAX) });
export const TicketAssign = Versioned.extend({
  /** A person of the holding group; null takes the ticket back to the group's queue. */
  assigneeId: z.number().int().positive().nullable(),
});
export const TicketStatusChange = Versioned.extend({
  status: z.enum(['in_progress', 'waiting']),
  note: z.string().trim().max(TICKET_TEXT_MAX).nullish(),
});
export const TicketComment = z.object({
  body: z.string().trim().min(1).max(TICKET_TEXT_MAX),
  /** An internal note, hidden from the reporter. */
  internal: z.boolean().default(false),
});
export const TicketResolve = Versioned.extend({
  resolution: z.string().trim().min(3, 'Say what was done').max(TICKET_TEXT_MAX),
  /**
   * For a hardware fault: the item's status after the repair. Left out, a broken or in-repair
   * item goes back in service. `retired` needs the inventory right on the item.
   */
  equipmentStatus: z.enum(['in_service', 'in_repair', 'broken', 'retired']).optional(),
});
export const TicketReopen = Versioned.extend({ reason: z.string().trim().min(3).max(TICKET_TEXT_MAX) });
export const TicketClose = Versioned.extend({
  rating: z.number().int().min(1).max(5).nullish(),
  comment: z.string().trim().max(2000).nullish(),
});
export const TicketApprove = Versioned.extend({ note: z.string().trim().max(TICKET_TEXT_MAX).nullish() });

/** `POST /tickets/:id/recategorize`: the holding group corrects the category; routing is not run again (escalate next). */
export const TicketRecategorize = Versioned.extend({
  category: TicketCategory,
  note: z.string().trim().max(TICKET_TEXT_MAX).nullish(),
});

/**
 * Support groups a holder may hand a ticket to by hand: the ones with accounts that serve the
 * ticket's school. External parties are reached through the escalation rules only.
 */
export const HandoverGroupKind = z.enum(['circonscription_level1', 'commune_technicians', 'rectorate_desk', 'rectorate_experts']);
export type HandoverGroupKind = z.infer<typeof HandoverGroupKind>;

/** `POST /tickets/:id/reassign`: hands the ticket to another group serving its school, at that group's level. */
export const TicketReassign = Versioned.extend({
  groupKind: HandoverGroupKind,
  /** The circonscription, commune or académie of that group. */
  organisationId: z.number().int().positive(),
  /** Why it goes there: required, the group starts from it. */
  note: z.string().trim().min(3, 'Say why the ticket goes to this group').max(TICKET_TEXT_MAX),
});

/** `GET /tickets/:id/handover-groups`: a group the holder may hand the ticket to. */
export const HandoverGroup = z.object({
  kind: HandoverGroupKind,
  organisationId: z.number().int(),
  label: z.string(),
  level: SupportLevel,
});
export type HandoverGroup = z.infer<typeof HandoverGroup>;

/** `GET /tickets/:id/assignees`: a member of the holding group the ticket can be assigned to. */
export const TicketAssignee = z.object({ id: z.number().int(), displayName: z.string() });
export type TicketAssignee = z.infer<typeof TicketAssignee>;
/** The director's answer to a report awaiting approval, settled at the school instead of sent on. */
export const TicketAnswer = Versioned.extend({ answer: z.string().trim().min(3, 'Write your answer to the reporter').max(TICKET_TEXT_MAX) });

export const TICKET_SORT_FIELDS = ['createdAt', 'priority', 'resolutionDueAt', 'updatedAt', 'reference'] as const;

export const TicketListQuery = PageQuery.extend({
  status: z.union([TicketStatus, z.array(TicketStatus)]).optional(),
  level: z.coerce.number().pipe(SupportLevel).optional(),
  group: GroupKind.optional(),
  schoolId: Id.optional(),
  equipmentId: Id.optional(),
  category: TicketCategory.optional(),
  assigneeId: Id.optional(),
  priority: Priority.optional(),
  /** Open tickets past a due date. */
  breached: QueryBoolean.optional(),
  /** `true`: the caller's own reports only. */
  mine: QueryBoolean.optional(),
  q: z.string().trim().max(100).optional(),
  sort: sortParam(TICKET_SORT_FIELDS, '-createdAt'),
});
export type TicketListQuery = z.output<typeof TicketListQuery>;

/**
 * `GET /tickets/open-reports`: the open reports on the same item, or on the same service at the
 * school, offered before filing another so the reporter can follow one instead.
 */
export const OpenReportsQuery = z
  .object({ schoolId: Id, equipmentId: Id.optional(), category: TicketCategory.optional() })
  .refine((query) => query.equipmentId !== undefined || query.category !== undefined, {
    message: 'Give the item (equipmentId) or the service (category)',
    path: ['equipmentId'],
  });
export type OpenReportsQuery = z.input<typeof OpenReportsQuery>;

/** An open report as anyone of the school may see it before following: no description, no reporter. */
export const OpenReport = z.object({
  id: z.number().int(),
  reference: z.string(),
  title: z.string(),
  status: TicketStatus,
  level: SupportLevel,
  groupLabel: z.string(),
  createdAt: z.string(),
  /** The caller's tie to it: their own report, one they follow, or none yet. */
  relation: z.enum(['reporter', 'follower', 'none']),
});
export type OpenReport = z.infer<typeof OpenReport>;
