import {
  DEFAULT_SERVICE_TARGETS,
  type GroupKind,
  type Impact,
  type RoutingDecision,
  type SupportLevel,
  type TicketCategory,
  type TicketStatus,
  type Urgency,
  priorityOf,
} from '@preau/shared';
import { apportion } from '../../db/seeds/lib/apportion';
import type { Random } from '../../db/seeds/lib/random';
import { DEFAULT_ROUTING_RULES } from '../../server/src/modules/routing/default-rules';
import { type RoutingContext, decide } from '../../server/src/modules/routing/rules-engine';
import type { TicketEntity } from '../../server/src/modules/tickets/ticket.entity';
import type { PlannedItem, PlannedSchool, ScaleFleet } from './dashboard-fleet';
import type { ScaleProfile } from './dashboard-profile';

/**
 * Three years of incident reports over the académie's schools, in the order they were filed (so
 * ids and references follow time, as the app numbers them), routed through the default routing
 * rules and escalated with the real rules engine. Recent reports are still open more often than
 * old ones: about 4% are open overall (new, assigned, in progress or waiting, at levels 1 to 3);
 * the rest are resolved (the last five days) or closed, with response and resolution times mostly
 * within the default service targets, some late (and then marked breached as the sweep would),
 * and ratings on part of the closed ones.
 */

/** The columns the generator fills; any other takes its default. */
export const TICKET_COLUMNS = [
  'id',
  'createdAt',
  'updatedAt',
  'version',
  'reference',
  'schoolId',
  'communeId',
  'circonscriptionId',
  'equipmentId',
  'category',
  'title',
  'description',
  'impact',
  'urgency',
  'priority',
  'status',
  'approval',
  'level',
  'groupKind',
  'groupOrganisationId',
  'groupExternalName',
  'groupLabel',
  'assigneeUserId',
  'reporterUserId',
  'availability',
  'routingRule',
  'routingReason',
  'outOfScope',
  'clockStartedAt',
  'pauses',
  'firstResponseDueAt',
  'resolutionDueAt',
  'firstRespondedAt',
  'resolvedAt',
  'closedAt',
  'breachWarnedAt',
  'breachedAt',
  'rating',
  'ratingComment',
  'idempotencyKey',
] as const;

type TicketRow = Pick<TicketEntity, (typeof TICKET_COLUMNS)[number]>;

export interface TicketPeople {
  /** Directors and teachers who file reports. */
  reporters: readonly number[];
  /** Support staff who take tickets. */
  staff: readonly number[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const SPAN_DAYS = 3 * 365;
/** Minutes of a working day, as the default service targets count them. */
const WORKING_DAY_MS = 8 * HOUR_MS;

/** Share of reports still open by their age in days: the newest mostly, a tail of forgotten ones. */
const OPEN_BY_AGE: readonly [maxDays: number, share: number][] = [
  [1, 0.9],
  [7, 0.6],
  [30, 0.35],
  [90, 0.12],
  [365, 0.04],
  [Infinity, 0.008],
];
const OPEN_STATUS = { new: 30, assigned: 25, in_progress: 30, waiting: 15 } as const;
const CATEGORIES: Readonly<Record<TicketCategory, number>> = {
  hardware: 38,
  printing: 12,
  network: 8,
  internet: 7,
  software: 8,
  ent: 8,
  email: 5,
  filtering: 3,
  account: 6,
  security: 1,
  other: 4,
};
/** The level a ticket would reach if the rules let it; escalations they refuse stop lower. */
const TARGET_LEVEL = { 1: 50, 2: 38, 3: 12 } as const;
const IMPACT: Readonly<Record<Impact, number>> = { one_person: 45, one_class: 40, whole_school: 15 };
const URGENCY: Readonly<Record<Urgency, number>> = { low: 65, high: 35 };
const RATING = { 5: 45, 4: 30, 3: 12, 2: 7, 1: 6 } as const;
/** Resolved tickets close by themselves after five days (the sweep's delay). */
const AUTO_CLOSE_MS = 5 * DAY_MS;

const TITLES: Readonly<Record<TicketCategory, readonly string[]>> = {
  hardware: ['Ne démarre plus', "Écran noir au démarrage", 'Très lent depuis la mise à jour', 'Ne charge plus', 'Ventilateur bruyant puis extinction'],
  printing: ['Bourrage papier à répétition', "Le copieur n'imprime plus depuis les postes", 'Toner vide, commande à passer', 'Numérisation vers la messagerie en erreur'],
  network: ['Pas de réseau dans la classe', 'Wifi instable dans la BCD', 'Prise réseau morte'],
  internet: ["Plus d'accès à internet dans l'école", 'Connexion très lente le matin'],
  software: ['Logiciel de lecture introuvable', 'Licence expirée sur le logiciel de mathématiques'],
  ent: ["Impossible de se connecter à l'ENT", "Cahier de textes de l'ENT vide"],
  email: ['Messagerie académique inaccessible', 'Courriels de la circonscription non reçus'],
  filtering: ['Site pédagogique bloqué par le filtrage', 'Vidéo éducative bloquée'],
  account: ['Compte élève bloqué', 'Mot de passe oublié (directrice)'],
  security: ['Message de rançon affiché sur un poste', 'Clé USB suspecte branchée'],
  other: ['Demande de conseil pour un projet de classe', 'Question sur le prêt de matériel'],
};

/**
 * `rng.weighted` made once: it reads the weights' entries on every draw, and a million tickets
 * draw a dozen times each.
 */
function picker<K extends string>(weights: Readonly<Record<K, number>>): (rng: Random) => K {
  const keys = Object.keys(weights) as K[];
  const total = keys.reduce((sum, key) => sum + weights[key], 0);
  let running = 0;
  const bounds = keys.map((key) => (running += weights[key] / total));
  return (rng) => {
    const draw = rng.next();
    for (let i = 0; i < keys.length; i++) if (draw < bounds[i]!) return keys[i]!;
    return keys[keys.length - 1]!;
  };
}

const pickOpenStatus = picker(OPEN_STATUS);
const pickCategory = picker(CATEGORIES);
const pickTargetLevel = picker(TARGET_LEVEL);
const pickImpact = picker(IMPACT);
const pickUrgency = picker(URGENCY);
const pickRating = picker(RATING);
const STEPS: Readonly<Record<TicketStatus, number>> = { new: 1, assigned: 2, in_progress: 3, waiting: 4, resolved: 4, closed: 5 };

/** How many tickets each school gets: the city's and the others' totals, shared by their items. */
function ticketsPerSchool(profile: ScaleProfile, fleet: ScaleFleet): number[] {
  const city = fleet.schools.slice(0, profile.city.schools);
  const others = fleet.schools.slice(profile.city.schools);
  const weights = (schools: PlannedSchool[]) => schools.map((school) => Math.max(1, school.items.length));
  return [...apportion(profile.city.tickets, weights(city)), ...apportion(profile.tickets - profile.city.tickets, weights(others))];
}

/** The tickets, oldest first, numbered from 1. */
export function* scaleTickets(profile: ScaleProfile, fleet: ScaleFleet, people: TicketPeople, rng: Random, now: Date): Generator<TicketRow> {
  const counts = ticketsPerSchool(profile, fleet);
  const total = counts.reduce((a, b) => a + b, 0);
  // Which school files each report, shuffled, and when, sorted: together a random school per moment.
  const schoolOf = new Int32Array(total);
  let k = 0;
  counts.forEach((count, school) => schoolOf.fill(school, k, (k += count)));
  for (let i = total - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const swap = schoolOf[i]!;
    schoolOf[i] = schoolOf[j]!;
    schoolOf[j] = swap;
  }
  const filedAt = new Float64Array(total);
  for (let i = 0; i < total; i++) filedAt[i] = reportTime(rng, now);
  filedAt.sort();

  const route = memoisedRouting(fleet.academy.id);
  const names = {
    circonscription: new Map(fleet.circonscriptions.map((c) => [c.id, c.name])),
    commune: new Map(fleet.communes.map((c) => [c.id, c.name])),
  };
  for (let i = 0; i < total; i++) {
    const school = fleet.schools[schoolOf[i]!]!;
    yield ticket(i + 1, school, new Date(filedAt[i]!), { rng, now, people, route, names, academyId: fleet.academy.id, academyName: fleet.academy.name });
  }
}

/** A moment in the last three years, more often lately (the tool is adopted), on a weekday in school hours. */
function reportTime(rng: Random, now: Date): number {
  const u = rng.next();
  const fromStart = rng.chance(0.5) ? u : Math.sqrt(u);
  let day = Math.floor((now.getTime() - SPAN_DAYS * DAY_MS + fromStart * SPAN_DAYS * DAY_MS) / DAY_MS);
  const weekday = new Date(day * DAY_MS).getUTCDay();
  if (weekday === 0) day -= 2;
  else if (weekday === 6) day -= 1;
  const at = day * DAY_MS + 7.5 * HOUR_MS + rng.next() * 10 * HOUR_MS;
  return Math.min(at, now.getTime() - 60_000 - rng.int(0, 3_600_000));
}

interface Context {
  rng: Random;
  now: Date;
  people: TicketPeople;
  route: ReturnType<typeof memoisedRouting>;
  names: { circonscription: Map<number, string>; commune: Map<number, string> };
  academyId: number;
  academyName: string;
}

function ticket(id: number, school: PlannedSchool, filed: Date, c: Context): TicketRow {
  const { rng, now } = c;
  const ageDays = (now.getTime() - filed.getTime()) / DAY_MS;
  let openShare = 0;
  for (const [maxDays, share] of OPEN_BY_AGE) {
    if (ageDays < maxDays) {
      openShare = share;
      break;
    }
  }
  const open = rng.chance(openShare);
  const category = pickCategory(rng);
  const item = itemFor(category, school, open, rng);
  const impact = pickImpact(rng);
  const urgency = pickUrgency(rng);
  const priority = priorityOf(impact, urgency);
  let status: TicketStatus = open ? pickOpenStatus(rng) : 'closed';

  const today = dayOf(filed.getTime());
  const routed = c.route(category, item, today, status === 'new' ? 1 : (Number(pickTargetLevel(rng)) as SupportLevel));
  const target = DEFAULT_SERVICE_TARGETS[priority];
  const t0 = filed.getTime();
  const firstResponseDue = t0 + toCalendarMs(target.firstResponseMinutes);
  const resolutionDue = t0 + toCalendarMs(target.resolutionMinutes);

  const nowMs = now.getTime();
  // t0 <= first response <= resolution <= closure <= now, whatever the draws.
  let firstRespondedAt: number | null = status === 'new' ? null : t0 + lateOrNot(rng, 0.12, firstResponseDue - t0);
  if (firstRespondedAt !== null && firstRespondedAt >= nowMs) {
    if (open) {
      status = 'new';
      firstRespondedAt = null;
    } else firstRespondedAt = t0 + (nowMs - t0) / 3;
  }
  let resolvedAt: number | null = null;
  let closedAt: number | null = null;
  let rating: number | null = null;
  if (!open) {
    const respondedAt = firstRespondedAt!;
    resolvedAt = Math.max(respondedAt, Math.min(t0 + lateOrNot(rng, 0.18, resolutionDue - t0), respondedAt + (nowMs - respondedAt) / 2));
    const sinceResolved = nowMs - resolvedAt;
    const byReporter = rng.chance(0.45);
    if (sinceResolved < AUTO_CLOSE_MS && !byReporter) status = 'resolved';
    else if (byReporter) closedAt = resolvedAt + rng.next() * Math.min(4 * DAY_MS, sinceResolved);
    else closedAt = Math.min(nowMs, resolvedAt + AUTO_CLOSE_MS + rng.int(0, HOUR_MS));
    if (byReporter && rng.chance(0.8)) rating = Number(pickRating(rng));
  }
  const waitingSince = status === 'waiting' ? Math.min(nowMs - 60_000, firstRespondedAt! + rng.int(HOUR_MS, 3 * DAY_MS)) : null;

  // Due dates as the sweep last saw them; a waiting ticket's are hidden until it resumes.
  const dues = waitingSince === null ? { firstResponseDue, resolutionDue } : null;
  const responseLate = dues !== null && (firstRespondedAt ?? nowMs) > dues.firstResponseDue;
  const resolutionLate = dues !== null && (resolvedAt ?? nowMs) > dues.resolutionDue;
  const breachedAt = responseLate ? dues!.firstResponseDue + 60_000 : resolutionLate ? dues!.resolutionDue + 60_000 : null;

  const lastChange = closedAt ?? resolvedAt ?? waitingSince ?? firstRespondedAt ?? t0;
  const steps = STEPS[status] + routed.escalations;
  const title = rng.pick(TITLES[category]);
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    id,
    createdAt: filed,
    updatedAt: new Date(lastChange),
    version: steps,
    reference: `INC-${filed.getUTCFullYear()}-${String(id).padStart(6, '0')}`,
    schoolId: school.id,
    communeId: school.communeId,
    circonscriptionId: school.circonscriptionId,
    equipmentId: item?.id ?? null,
    category,
    title: item ? `${title} (${item.assetTag})` : title,
    description: '',
    impact,
    urgency,
    priority,
    status,
    approval: 'not_required',
    level: routed.decision.level,
    ...groupOf(routed.decision.group!, school, item, c),
    assigneeUserId: status === 'new' ? null : rng.pick(c.people.staff),
    reporterUserId: rng.pick(c.people.reporters),
    availability: null,
    routingRule: routed.decision.rule.name,
    routingReason: routed.decision.reason,
    outOfScope: routed.decision.outOfScope,
    clockStartedAt: filed,
    pauses: waitingSince === null ? null : JSON.stringify([{ from: new Date(waitingSince).toISOString(), to: null }]),
    firstResponseDueAt: dues ? new Date(dues.firstResponseDue) : null,
    resolutionDueAt: dues ? new Date(dues.resolutionDue) : null,
    firstRespondedAt: date(firstRespondedAt),
    resolvedAt: date(resolvedAt),
    closedAt: date(closedAt),
    breachWarnedAt: breachedAt === null ? null : new Date(breachedAt - HOUR_MS),
    breachedAt: date(breachedAt),
    rating,
    ratingComment: rating !== null && rating <= 2 && rng.chance(0.5) ? 'Intervention trop tardive, la classe a attendu plusieurs jours.' : null,
    idempotencyKey: null,
  };
}

const days = new Map<number, string>();
/** `YYYY-MM-DD` of an instant, kept: tickets share few days. */
function dayOf(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let text = days.get(day);
  if (text === undefined) {
    text = new Date(day * DAY_MS).toISOString().slice(0, 10);
    days.set(day, text);
  }
  return text;
}

/** Working time to wall-clock time, roughly: a working day of 8 hours is a calendar day. */
function toCalendarMs(workingMinutes: number): number {
  const ms = workingMinutes * 60_000;
  return ms < WORKING_DAY_MS ? ms : (ms / WORKING_DAY_MS) * DAY_MS;
}

/** A delay within `limitMs` most of the time; one to three times it with probability `lateShare`. */
function lateOrNot(rng: Random, lateShare: number, limitMs: number): number {
  return rng.chance(lateShare) ? limitMs * (1 + rng.next() * 2) : limitMs * (0.05 + rng.next() * 0.9);
}

/** The item a report names: any for hardware (a broken one first while open), the copier for printing, sometimes the network gear. */
function itemFor(category: TicketCategory, school: PlannedSchool, open: boolean, rng: Random): PlannedItem | null {
  const present = (item: PlannedItem) => item.status !== 'retired' && item.status !== 'lost';
  if (category === 'hardware') {
    const broken = open ? school.items.filter((item) => item.status === 'broken' || item.status === 'in_repair') : [];
    if (broken.length > 0 && rng.chance(0.7)) return rng.pick(broken);
    // Picking and checking beats filtering the school's whole fleet a million times.
    for (let tries = 0; tries < 5; tries++) {
      const item = rng.pick(school.items);
      if (present(item)) return item;
    }
    return null;
  }
  if (category === 'printing') return school.items.find((item) => item.kind === 'copier' && present(item)) ?? null;
  if (category === 'network' && rng.chance(0.5)) {
    const gear = school.items.filter((item) => (item.kind === 'switch' || item.kind === 'wifi_ap' || item.kind === 'router') && present(item));
    return gear.length > 0 ? rng.pick(gear) : null;
  }
  return null;
}

interface Routed {
  decision: RoutingDecision;
  escalations: number;
}

/**
 * The default rules' decision for a report, then escalations up to `wanted` while the rules allow.
 * Decisions depend only on what the default rules read, so they are kept by that key.
 */
function memoisedRouting(academyId: number) {
  const cache = new Map<string, Routed>();
  const signatures = new Map<number, string>();
  const signature = (item: PlannedItem) => {
    let text = signatures.get(item.id);
    if (text === undefined) signatures.set(item.id, (text = `|${item.kind}|${item.funding}|${item.supplier}`));
    return text;
  };
  return (category: TicketCategory, item: PlannedItem | null, today: string, wanted: SupportLevel): Routed => {
    const underWarranty = item !== null && item.warrantyEndsOn !== null && item.warrantyEndsOn >= today;
    const key = item === null ? `${category}${wanted}` : `${category}${wanted}${underWarranty ? 'w' : ''}${signature(item)}`;
    const known = cache.get(key);
    if (known) return known;
    const equipment = item && { kind: item.kind, funding: item.funding, supplier: item.supplier, warrantyEndsOn: item.warrantyEndsOn };
    // Ids do not matter to the default rules (none names a school or commune).
    const base = { category, equipment, schoolId: 1, communeId: 1, circonscriptionId: 1, academyId, today };
    let decision = decide(DEFAULT_ROUTING_RULES, { ...base, trigger: 'report' } satisfies RoutingContext);
    let escalations = 0;
    while (decision.level < wanted) {
      const next = decide(DEFAULT_ROUTING_RULES, { ...base, trigger: 'escalate', currentLevel: decision.level });
      if (next.refused || next.group === null) break;
      decision = next;
      escalations++;
    }
    const routed = { decision, escalations };
    cache.set(key, routed);
    return routed;
  };
}

type GroupFields = Pick<TicketRow, 'groupKind' | 'groupOrganisationId' | 'groupExternalName' | 'groupLabel'>;

/** The holding group's columns, labelled as the app labels them (ticket-routing.ts). */
function groupOf(kind: GroupKind, school: PlannedSchool, item: PlannedItem | null, c: Context): GroupFields {
  const commune = c.names.commune.get(school.communeId)!;
  switch (kind) {
    case 'circonscription_level1':
      return { groupKind: kind, groupOrganisationId: school.circonscriptionId, groupExternalName: null, groupLabel: `Niveau 1 — ${c.names.circonscription.get(school.circonscriptionId)}` };
    case 'commune_technicians':
      return { groupKind: kind, groupOrganisationId: school.communeId, groupExternalName: null, groupLabel: `Techniciens — ${commune}` };
    case 'copier_contractor':
      return { groupKind: kind, groupOrganisationId: school.communeId, groupExternalName: null, groupLabel: `Maintenance des copieurs — ${commune}` };
    case 'rectorate_desk':
      return { groupKind: kind, groupOrganisationId: c.academyId, groupExternalName: null, groupLabel: `Assistance du rectorat — ${c.academyName}` };
    case 'rectorate_experts':
      return { groupKind: kind, groupOrganisationId: c.academyId, groupExternalName: null, groupLabel: `Experts du rectorat — ${c.academyName}` };
    case 'software_editor':
      return { groupKind: kind, groupOrganisationId: c.academyId, groupExternalName: null, groupLabel: `Éditeur — ${c.academyName}` };
    case 'supplier':
      return { groupKind: kind, groupOrganisationId: school.communeId, groupExternalName: item!.supplier, groupLabel: `Fournisseur — ${item!.supplier}` };
  }
}

