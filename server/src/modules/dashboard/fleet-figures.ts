import {
  BaseRequirement,
  EquipmentKind,
  EquipmentStatus,
  IncidentAge,
  normaliseSearchText,
  type FleetDashboardQuery,
  type FleetFigures,
  type MissingBaseItem,
  type SchoolFleetRow,
} from '@preau/shared';
import type {
  EquipmentGroup,
  IncompleteClassroom,
  OfficeEquipment,
  OldestOpenTicket,
  OpenTicketGroup,
  PlanRow,
  ScopeSchool,
  TrolleyContents,
} from './fleet-queries';

// Turns the grouped rows of the scope into per-school figures and their totals, in memory:
// the database groups, this file only adds up, decides what is missing, sorts and pages.
// Inventory figures (which may come from the summary of large scopes) and open reports (always
// read live) are tallied apart.

/** What a school's inventory says (everything but its open reports): cached as is for large scopes, never changed. */
export interface FleetTally {
  figures: FleetFigures;
  missing: MissingBaseItem[];
}

/** A school's figures, its open reports included, before the oldest one is looked up. */
export interface SchoolTally extends FleetTally {
  school: ScopeSchool;
  /** When the oldest open report was filed (ms), to find it afterwards. */
  oldestOpenAt: number | null;
  /** The same instant as the database returned it, to look the report up by equality. */
  oldestOpenRaw: string | Date | null;
}

/** The inventory rows of a set of schools, as `fleet-queries` reads them. */
export interface InventoryRows {
  equipment: EquipmentGroup[];
  trolleys: TrolleyContents[];
  plans: PlanRow[];
  offices: OfficeEquipment[];
  classrooms: IncompleteClassroom[];
}

function emptyFigures(): FleetFigures {
  return {
    items: 0,
    inService: 0,
    shareInService: null,
    byKindAndStatus: [],
    openIncidents: emptyIncidents(),
    oldestOpen: null,
    pastRenewalAge: 0,
    warrantiesEnding: 0,
    lostOrStolen: 0,
    mobileClasses: { planned: 0, delivered: 0, complete: 0 },
  };
}

const emptyIncidents = (): FleetFigures['openIncidents'] => ({ total: 0, byLevel: { 1: 0, 2: 0, 3: 0 }, byAge: { day: 0, week: 0, month: 0, older: 0 } });

/** French order; one collator for all comparisons (`localeCompare` with a locale builds one per call). */
const french = new Intl.Collator('fr', { numeric: true });
const kindOrder = new Map(EquipmentKind.options.map((kind, i) => [kind, i]));
const statusOrder = new Map(EquipmentStatus.options.map((status, i) => [status, i]));
const requirementOrder = new Map(BaseRequirement.options.map((requirement, i) => [requirement, i]));

function sortKindStatus(figures: FleetFigures): void {
  figures.byKindAndStatus.sort((a, b) => kindOrder.get(a.kind)! - kindOrder.get(b.kind)! || statusOrder.get(a.status)! - statusOrder.get(b.status)!);
}

/** The inventory figures of each school, with what each misses of the base equipment. */
export function tallyInventory(schoolIds: Iterable<number>, rows: InventoryRows): Map<number, FleetTally> {
  const bySchool = new Map<number, FleetTally>();
  for (const id of schoolIds) bySchool.set(id, { figures: emptyFigures(), missing: [] });
  const at = (schoolId: number) => bySchool.get(schoolId)?.figures;

  for (const group of rows.equipment) {
    const f = at(group.schoolId);
    if (!f) continue;
    f.items += group.count;
    if (group.status === 'in_service') f.inService += group.count;
    // The database grouped by school, kind and status: each pair comes once per school.
    f.byKindAndStatus.push({ kind: group.kind, status: group.status, count: group.count });
    if (group.status === 'lost') {
      f.lostOrStolen += group.count;
    } else {
      f.pastRenewalAge += group.pastRenewalAge;
      f.warrantiesEnding += group.warrantiesEnding;
    }
  }

  const plans = new Map(rows.plans.map((plan) => [plan.schoolId, plan]));
  for (const plan of rows.plans) {
    const f = at(plan.schoolId);
    if (f) f.mobileClasses.planned = plan.trolleysPlanned;
  }
  for (const trolley of rows.trolleys) {
    const f = at(trolley.schoolId);
    if (!f) continue;
    f.mobileClasses.delivered += 1;
    // Without a plan a trolley is complete once it holds a tablet, all of them in service.
    const expected = plans.get(trolley.schoolId)?.tabletsPerTrolley ?? 1;
    if (trolley.tablets >= expected && trolley.tabletsInService === trolley.tablets) f.mobileClasses.complete += 1;
  }

  const offices = new Map(rows.offices.map((office) => [office.schoolId, office]));
  const classrooms = new Map<number, IncompleteClassroom[]>();
  for (const room of rows.classrooms) {
    const list = classrooms.get(room.schoolId);
    if (list) list.push(room);
    else classrooms.set(room.schoolId, [room]);
  }

  for (const [schoolId, tally] of bySchool) {
    const f = tally.figures;
    f.shareInService = f.items === 0 ? null : f.inService / f.items;
    sortKindStatus(f);
    tally.missing = missingBaseEquipment(offices.get(schoolId), classrooms.get(schoolId) ?? []);
  }
  return bySchool;
}

/** Each school of the scope with its inventory figures and its open reports (the inventory tallies are left untouched). */
export function tallySchools(schools: ScopeSchool[], inventory: Map<number, FleetTally>, tickets: OpenTicketGroup[]): SchoolTally[] {
  const bySchool = new Map<number, SchoolTally>();
  for (const school of schools) {
    const fleet = inventory.get(school.id) ?? { figures: emptyFigures(), missing: [] };
    bySchool.set(school.id, { school, figures: { ...fleet.figures, openIncidents: emptyIncidents() }, missing: fleet.missing, oldestOpenAt: null, oldestOpenRaw: null });
  }
  for (const group of tickets) {
    const tally = bySchool.get(group.schoolId);
    if (!tally) continue;
    const open = tally.figures.openIncidents;
    open.total += group.count;
    open.byLevel[group.level] += group.count;
    open.byAge[group.age] += group.count;
    if (tally.oldestOpenAt === null || group.oldestAt < tally.oldestOpenAt) {
      tally.oldestOpenAt = group.oldestAt;
      tally.oldestOpenRaw = group.oldestRaw;
    }
  }
  return [...bySchool.values()];
}

function missingBaseEquipment(office: OfficeEquipment | undefined, classrooms: IncompleteClassroom[]): MissingBaseItem[] {
  const missing: MissingBaseItem[] = [];
  const schoolWide = (requirement: BaseRequirement, has: boolean | undefined) => {
    if (!has) missing.push({ requirement, roomId: null, roomName: null });
  };
  schoolWide('director_computer', office?.directorComputer);
  schoolWide('secretariat_computer', office?.secretariatComputer);
  schoolWide('telephone', office?.telephone);
  schoolWide('copier', office?.copier);
  schoolWide('internet', office?.internet);
  const rooms = [...classrooms].sort((a, b) => french.compare(a.roomName, b.roomName) || a.roomId - b.roomId);
  for (const requirement of ['class_display', 'teacher_laptop'] as const) {
    for (const room of rooms) {
      const has = requirement === 'class_display' ? room.display : room.teacherLaptop;
      if (!has) missing.push({ requirement, roomId: room.roomId, roomName: room.roomName });
    }
  }
  return missing.sort((a, b) => requirementOrder.get(a.requirement)! - requirementOrder.get(b.requirement)!);
}

/** The scope's figures: every school summed, the schools that comply, and how many miss each requirement. */
export function totalsOf(tallies: SchoolTally[]): { figures: FleetFigures; oldestOpenAt: number | null; schools: number; compliantSchools: number; missingByRequirement: Record<BaseRequirement, number> } {
  const total = emptyFigures();
  let oldestOpenAt: number | null = null;
  const missingByRequirement = Object.fromEntries(BaseRequirement.options.map((r) => [r, 0])) as Record<BaseRequirement, number>;
  let compliantSchools = 0;
  const byKindAndStatus = new Map<string, FleetFigures['byKindAndStatus'][number]>();
  for (const { figures: f, oldestOpenAt: oldest, missing } of tallies) {
    total.items += f.items;
    total.inService += f.inService;
    for (const { kind, status, count } of f.byKindAndStatus) {
      const key = `${kind}/${status}`;
      const entry = byKindAndStatus.get(key);
      if (entry) entry.count += count;
      else byKindAndStatus.set(key, { kind, status, count });
    }
    total.openIncidents.total += f.openIncidents.total;
    for (const level of [1, 2, 3] as const) total.openIncidents.byLevel[level] += f.openIncidents.byLevel[level];
    for (const age of IncidentAge.options) total.openIncidents.byAge[age] += f.openIncidents.byAge[age];
    if (oldest !== null && (oldestOpenAt === null || oldest < oldestOpenAt)) oldestOpenAt = oldest;
    total.pastRenewalAge += f.pastRenewalAge;
    total.warrantiesEnding += f.warrantiesEnding;
    total.lostOrStolen += f.lostOrStolen;
    total.mobileClasses.planned += f.mobileClasses.planned;
    total.mobileClasses.delivered += f.mobileClasses.delivered;
    total.mobileClasses.complete += f.mobileClasses.complete;
    if (missing.length === 0) compliantSchools += 1;
    for (const requirement of new Set(missing.map((m) => m.requirement))) missingByRequirement[requirement] += 1;
  }
  total.shareInService = total.items === 0 ? null : total.inService / total.items;
  total.byKindAndStatus = [...byKindAndStatus.values()];
  sortKindStatus(total);
  return { figures: total, oldestOpenAt, schools: tallies.length, compliantSchools, missingByRequirement };
}

type SortKey = (tally: SchoolTally) => number | null;
const SORT_KEYS: Record<Exclude<FleetDashboardQuery['sort']['field'], 'name'>, SortKey> = {
  shareInService: (t) => t.figures.shareInService,
  openIncidents: (t) => t.figures.openIncidents.total,
  missing: (t) => t.missing.length,
  pastRenewalAge: (t) => t.figures.pastRenewalAge,
};

const byName = (a: SchoolTally, b: SchoolTally) => french.compare(a.school.name, b.school.name) || a.school.id - b.school.id;

/** The page of schools asked for: filtered by name or UAI, sorted (schools without items last by share), then cut. */
export function pageOfSchools(tallies: SchoolTally[], query: Pick<FleetDashboardQuery, 'q' | 'sort' | 'page' | 'pageSize'>): { items: SchoolTally[]; total: number } {
  const needle = query.q ? normaliseSearchText(query.q) : null;
  const matching = needle ? tallies.filter((t) => normaliseSearchText(t.school.name).includes(needle) || normaliseSearchText(t.school.uai).includes(needle)) : [...tallies];
  const { field, direction } = query.sort;
  const sign = direction === 'DESC' ? -1 : 1;
  if (field === 'name') {
    matching.sort((a, b) => sign * byName(a, b));
  } else {
    const key = SORT_KEYS[field];
    matching.sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      if (ka === null || kb === null) return ka === kb ? byName(a, b) : ka === null ? 1 : -1;
      return sign * (ka - kb) || byName(a, b);
    });
  }
  const start = (query.page - 1) * query.pageSize;
  return { items: matching.slice(start, start + query.pageSize), total: matching.length };
}

export function schoolRow(tally: SchoolTally, oldest: OldestOpenTicket | undefined): SchoolFleetRow {
  const { school } = tally;
  return {
    id: school.id,
    uai: school.uai,
    name: school.name,
    communeId: school.communeId,
    communeName: school.communeName,
    circonscriptionId: school.circonscriptionId,
    circonscriptionName: school.circonscriptionName,
    ...tally.figures,
    oldestOpen: oldest ?? null,
    baseEquipment: { compliant: tally.missing.length === 0, missing: tally.missing },
  };
}
