import { z } from 'zod';
import { Id } from './common';
import { HolidayZone, RegionalHoliday, ServiceTargets, WorkingCalendar } from './calendar';
import { EscalationLevel, RoutingAction, RoutingConditions, RoutingRule, RoutingTrigger, SupportLevel, TicketCategory } from './routing';

// What administrators and city managers set for tickets: the stored routing rules and each
// commune's ticket settings. `RoutingRule` itself (shared/src/routing.ts) is the body of a creation.

/** A stored routing rule as the API answers it: the rule, its id, and the version to send back with a change. */
export const RoutingRuleRecord = z.object({
  ...RoutingRule.shape,
  id: z.number().int().positive(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type RoutingRuleRecord = z.infer<typeof RoutingRuleRecord>;

/**
 * `PATCH /routing-rules/:id`: the version read and only the fields to change. `conditions` and
 * `action` are replaced whole; `fromLevel: null` removes it. The changed rule is then checked
 * whole by `RoutingRule`, so its errors carry the same paths as a creation's. A rule stays in
 * its scope (create another one elsewhere): `scope` is accepted only unchanged.
 */
export const RoutingRuleUpdate = z.strictObject({
  version: z.number().int().min(1),
  name: RoutingRule.shape.name.optional(),
  position: RoutingRule.shape.position.optional(),
  trigger: RoutingTrigger.optional(),
  fromLevel: EscalationLevel.nullable().optional(),
  conditions: RoutingConditions.optional(),
  action: RoutingAction.optional(),
  enabled: z.boolean().optional(),
  scope: RoutingRule.shape.scope.optional(),
});
export type RoutingRuleUpdate = z.input<typeof RoutingRuleUpdate>;

/** `GET /routing-rules`: the global rules, with one commune's (tried first) or every commune the reader works for. */
export const RoutingRuleListQuery = z.object({ communeId: Id.optional() });
export type RoutingRuleListQuery = z.output<typeof RoutingRuleListQuery>;

const previewFields = {
  schoolId: z.number().int().positive(),
  equipmentId: z
    .number()
    .int()
    .positive()
    .nullish()
    .transform((value) => value ?? null),
  category: TicketCategory,
};

/**
 * `POST /routing-rules/preview`: a ticket as routing would see it, to try the rules in force
 * without filing anything. The answer is the `RoutingDecision`.
 */
export const RoutingPreview = z.discriminatedUnion('trigger', [
  z.object({ ...previewFields, trigger: z.literal('report') }),
  z.object({ ...previewFields, trigger: z.literal('escalate'), currentLevel: SupportLevel }),
]);
export type RoutingPreview = z.input<typeof RoutingPreview>;

/**
 * A commune's ticket settings, the body of `PUT /communes/:id/ticket-settings` (a whole
 * replacement: a field left out takes its default).
 */
export const CommuneTicketSettings = z.strictObject({
  /** A teacher's report waits for the director's approval before it leaves the school. */
  requireDirectorApproval: z.boolean().default(false),
  /** When the service-target clocks run; set the zone from the académie (`calendarHints`). */
  calendar: WorkingCalendar.default(() => WorkingCalendar.parse({})),
  targets: ServiceTargets,
  /** Days after resolution during which the reporter may reopen; 0: never. At most `autoCloseDays`: a closed ticket is not reopened. */
  reopenDays: z.number().int().min(0).max(365).default(5),
  /** Days after resolution when the ticket closes itself. */
  autoCloseDays: z.number().int().min(1).max(365).default(5),
}).refine((settings) => settings.reopenDays <= settings.autoCloseDays, {
  path: ['reopenDays'],
  message: 'A resolved ticket closes itself after autoCloseDays days: the reopening period cannot be longer',
});
export type CommuneTicketSettings = z.output<typeof CommuneTicketSettings>;
export type CommuneTicketSettingsInput = z.input<typeof CommuneTicketSettings>;

/**
 * `PUT /communes/:id/ticket-settings`: the settings, and the `version` read (0 before the
 * commune's first save). With it, a save over someone else's is refused (409); without it (a
 * script), the settings are replaced whatever they were.
 */
export const CommuneTicketSettingsReplace = CommuneTicketSettings.safeExtend({ version: z.number().int().min(0).optional() });
export type CommuneTicketSettingsReplace = z.input<typeof CommuneTicketSettingsReplace>;

/**
 * `GET /ticket-settings/communes`: the communes whose ticket configuration (routing rules and
 * settings) the reader may open, those whose tickets they work, by name; `configurable` when
 * they may also change it (the commune's city managers and administrators).
 */
export const TicketConfigCommune = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  configurable: z.boolean(),
});
export type TicketConfigCommune = z.infer<typeof TicketConfigCommune>;

export const TicketConfigCommunes = z.object({
  items: z.array(TicketConfigCommune),
  /** Whether the reader changes the global routing rules, the defaults of every commune (administrators). */
  configuresGlobalRules: z.boolean(),
});
export type TicketConfigCommunes = z.infer<typeof TicketConfigCommunes>;

/** `GET /communes/:id/ticket-settings`. */
export const CommuneTicketSettingsView = z.object({
  communeId: z.number().int(),
  /** False while the commune has saved nothing: `settings` are then the defaults in force. */
  stored: z.boolean(),
  /** To send back with a change: 0 while nothing is stored, then one more at each save. */
  version: z.number().int().min(0),
  /**
   * Reports of the commune waiting for their director's approval now. Turning approval off
   * applies to later reports: these stay with their director to decide.
   */
  awaitingApproval: z.number().int().min(0),
  /** The settings in force. */
  settings: CommuneTicketSettings,
  /**
   * What the commune's académie tells of its calendar (time zone, holiday zone, regional
   * holidays), to pre-fill the form; null for an académie code Préau does not know.
   */
  calendarHints: z
    .object({ timeZone: z.string(), holidayZone: HolidayZone, regionalHolidays: z.array(RegionalHoliday) })
    .nullable(),
});
export type CommuneTicketSettingsView = z.infer<typeof CommuneTicketSettingsView>;
