import { z } from 'zod';
import { IsoDate, PageQuery, atMostOneScope, pageOf, scopeIds, sortParam } from './common';
import { EquipmentKind, EquipmentStatus } from './equipment';

/** Years after purchase when an item is due for renewal, unless an administrator set otherwise. */
export const DEFAULT_LIFETIME_YEARS: Readonly<Record<EquipmentKind, number>> = {
  desktop: 6,
  laptop: 5,
  tablet: 5,
  trolley: 8,
  projector: 7,
  interactive_display: 8,
  document_camera: 7,
  copier: 6,
  printer: 6,
  phone: 7,
  switch: 8,
  router: 6,
  wifi_ap: 7,
  firewall: 6,
  server: 6,
  other: 6,
};

/** Renewal age in years for every kind. */
export const EquipmentLifetimes = z.record(EquipmentKind, z.number().int().min(1).max(30));
export type EquipmentLifetimes = z.infer<typeof EquipmentLifetimes>;

/** `PUT /fleet-settings/lifetimes`: the kinds to change; `null` puts a kind back to its default. */
export const EquipmentLifetimesUpdate = z.object({
  lifetimes: z.partialRecord(EquipmentKind, z.number().int().min(1).max(30).nullable()),
});
export type EquipmentLifetimesUpdate = z.input<typeof EquipmentLifetimesUpdate>;

/** Statuses in which a school still has an item for the base-equipment check (a broken one is repaired, not missing). */
export const PRESENT_STATUSES: readonly EquipmentStatus[] = ['in_service', 'broken', 'in_repair'];

/**
 * The base equipment of a school (DOMAIN.md; the 2021 national plan): for the direction, the
 * director's and the secretariat's computers (a desktop or laptop in a room used as such), a
 * telephone, a multifunction copier and internet access (a router or firewall on the school's
 * network); for every classroom, a display (projector or interactive display) and a teacher laptop.
 */
export const BaseRequirement = z.enum([
  'director_computer',
  'secretariat_computer',
  'telephone',
  'copier',
  'internet',
  'class_display',
  'teacher_laptop',
]);
export type BaseRequirement = z.infer<typeof BaseRequirement>;

export const MissingBaseItem = z.object({
  requirement: BaseRequirement,
  /** The classroom lacking it, for per-class requirements. */
  roomId: z.number().int().nullable(),
  roomName: z.string().nullable(),
});
export type MissingBaseItem = z.infer<typeof MissingBaseItem>;

export const IncidentAge = z.enum(['day', 'week', 'month', 'older']);
export type IncidentAge = z.infer<typeof IncidentAge>;

/** The figures shown for one school and, summed, for the whole scope. */
export const FleetFigures = z.object({
  /** Items at the school, retired ones left out. */
  items: z.number().int(),
  inService: z.number().int(),
  /** `inService / items`, 0 to 1; null without items. */
  shareInService: z.number().nullable(),
  /** Non-zero counts only. */
  byKindAndStatus: z.array(z.object({ kind: EquipmentKind, status: EquipmentStatus, count: z.number().int() })),
  openIncidents: z.object({
    total: z.number().int(),
    byLevel: z.object({ 1: z.number().int(), 2: z.number().int(), 3: z.number().int() }),
    /** By time since the report: under a day, under a week, under 30 days, older. */
    byAge: z.record(IncidentAge, z.number().int()),
  }),
  oldestOpen: z
    .object({ ticketId: z.number().int(), reference: z.string(), title: z.string(), openedAt: z.string(), schoolId: z.number().int() })
    .nullable(),
  /** Items (not retired or lost) bought longer ago than their kind's lifetime. */
  pastRenewalAge: z.number().int(),
  /** Items whose warranty ends between today and 90 days from today. */
  warrantiesEnding: z.number().int(),
  /** Items recorded as lost or stolen. */
  lostOrStolen: z.number().int(),
  mobileClasses: z.object({
    planned: z.number().int(),
    delivered: z.number().int(),
    /** Delivered trolleys holding every tablet they should, all in service. */
    complete: z.number().int(),
  }),
});
export type FleetFigures = z.infer<typeof FleetFigures>;

export const SchoolFleetRow = FleetFigures.extend({
  id: z.number().int(),
  uai: z.string(),
  name: z.string(),
  communeId: z.number().int(),
  communeName: z.string(),
  circonscriptionId: z.number().int(),
  circonscriptionName: z.string(),
  baseEquipment: z.object({ compliant: z.boolean(), missing: z.array(MissingBaseItem) }),
});
export type SchoolFleetRow = z.infer<typeof SchoolFleetRow>;

export const DashboardScopeKind = z.enum(['all', 'academy', 'commune', 'circonscription']);
export type DashboardScopeKind = z.infer<typeof DashboardScopeKind>;

/** Which schools a dashboard or report covers: one organisation, or (none given) everything the reader sees. */
export const ScopeQuery = z.object(scopeIds).superRefine(atMostOneScope);
export type ScopeQuery = z.infer<typeof ScopeQuery>;

export const DashboardScope = z.object({ kind: DashboardScopeKind, id: z.number().int().nullable(), name: z.string() });
export type DashboardScope = z.infer<typeof DashboardScope>;

export const FLEET_SCHOOL_SORT_FIELDS = ['name', 'shareInService', 'openIncidents', 'missing', 'pastRenewalAge'] as const;

/** `GET /dashboard/fleet`: the scope, then a page of its schools. */
export const FleetDashboardQuery = PageQuery.extend({
  ...scopeIds,
  /** Schools whose name or UAI contains this. */
  q: z.string().trim().max(100).optional(),
  sort: sortParam(FLEET_SCHOOL_SORT_FIELDS, 'name'),
}).superRefine(atMostOneScope);
export type FleetDashboardQuery = z.infer<typeof FleetDashboardQuery>;

export const FleetDashboard = z.object({
  scope: DashboardScope,
  /** The day the figures are computed for (Europe/Paris). */
  today: IsoDate,
  /**
   * When the inventory figures were computed: now for scopes of up to 300 schools (a commune, a
   * circonscription); for larger ones (an académie) from a summary refreshed every few minutes.
   * Open incidents are always current.
   */
  generatedAt: z.string(),
  lifetimes: EquipmentLifetimes,
  totals: FleetFigures.extend({
    schools: z.number().int(),
    /** Schools with every piece of base equipment. */
    compliantSchools: z.number().int(),
    /** How many schools miss each requirement. */
    missingByRequirement: z.record(BaseRequirement, z.number().int()),
  }),
  /** The page of schools asked for, in the order asked. */
  schools: pageOf(SchoolFleetRow),
});
export type FleetDashboard = z.infer<typeof FleetDashboard>;

/** A school's mobile-class deployment plan. */
export const MobileClassPlan = z.object({
  id: z.number().int(),
  schoolId: z.number().int(),
  trolleysPlanned: z.number().int(),
  tabletsPerTrolley: z.number().int(),
  dueOn: z.string().nullable(),
  programme: z.string().nullable(),
  version: z.number().int(),
});
export type MobileClassPlan = z.infer<typeof MobileClassPlan>;

/** `PUT /schools/:id/mobile-class-plan`: creates or replaces the plan (`version` when replacing). */
export const MobileClassPlanPut = z.object({
  trolleysPlanned: z.number().int().min(0).max(100),
  tabletsPerTrolley: z.number().int().min(1).max(100),
  dueOn: IsoDate.nullish().transform((value) => value ?? null),
  programme: z
    .string()
    .trim()
    .max(150)
    .nullish()
    .transform((value) => value || null),
  version: z.number().int().min(1).optional(),
});
export type MobileClassPlanPut = z.input<typeof MobileClassPlanPut>;
