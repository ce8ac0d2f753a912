import {
  BaseRequirement,
  EquipmentKind,
  EquipmentStatus,
  IncidentAge,
  type FleetDashboard,
  type FleetFigures,
  type MissingBaseItem,
} from '@preau/shared';

/**
 * The dashboard's figures arranged for its charts and for the tables that say the same thing to
 * screen readers: one arrangement feeds both, so the chart and its table cannot disagree.
 */

export type OpenIncidents = FleetFigures['openIncidents'];
export type ScopeTotals = FleetDashboard['totals'];

export interface KindStatusTable {
  /** Kinds the scope has items of, in the catalogue's order. */
  kinds: EquipmentKind[];
  /** Statuses at least one item is in, in the lifecycle's order. */
  statuses: EquipmentStatus[];
  /** `counts[s][k]`: items of `kinds[k]` in `statuses[s]`. */
  counts: number[][];
  /** Items of each kind, every status together. */
  totalsByKind: number[];
}

export function kindStatusTable(byKindAndStatus: FleetFigures['byKindAndStatus']): KindStatusTable {
  const present = (count: number) => count > 0;
  const kinds = EquipmentKind.options.filter((kind) => byKindAndStatus.some((row) => row.kind === kind && present(row.count)));
  const statuses = EquipmentStatus.options.filter((status) => byKindAndStatus.some((row) => row.status === status && present(row.count)));
  const countOf = (kind: EquipmentKind, status: EquipmentStatus) =>
    byKindAndStatus.filter((row) => row.kind === kind && row.status === status).reduce((sum, row) => sum + row.count, 0);
  const counts = statuses.map((status) => kinds.map((kind) => countOf(kind, status)));
  const totalsByKind = kinds.map((_, k) => counts.reduce((sum, row) => sum + row[k]!, 0));
  return { kinds, statuses, counts, totalsByKind };
}

export const INCIDENT_LEVELS = [1, 2, 3] as const;
export type IncidentLevel = (typeof INCIDENT_LEVELS)[number];

export function incidentsByLevel(open: OpenIncidents): { level: IncidentLevel; count: number }[] {
  return INCIDENT_LEVELS.map((level) => ({ level, count: open.byLevel[level] }));
}

export function incidentsByAge(open: OpenIncidents): { age: IncidentAge; count: number }[] {
  return IncidentAge.options.map((age) => ({ age, count: open.byAge[age] ?? 0 }));
}

export interface RequirementRow {
  requirement: BaseRequirement;
  /** Schools lacking it. */
  missing: number;
  /** Schools that have it. */
  present: number;
}

export function requirementRows(totals: Pick<ScopeTotals, 'schools' | 'missingByRequirement'>): RequirementRow[] {
  return BaseRequirement.options.map((requirement) => {
    const missing = totals.missingByRequirement[requirement] ?? 0;
    return { requirement, missing, present: Math.max(totals.schools - missing, 0) };
  });
}

export interface MissingSummary {
  /** What the school as a whole lacks (the direction's equipment, internet). */
  school: BaseRequirement[];
  /** Each per-class requirement with the classrooms lacking it, by name: one line each, however many classes. */
  classes: { requirement: BaseRequirement; rooms: { roomId: number; roomName: string }[] }[];
}

const requirementRank = (requirement: BaseRequirement) => BaseRequirement.options.indexOf(requirement);

/** A school's missing base equipment the way a person reads it: the school's own, then requirement by requirement, the classes lacking it. */
export function summariseMissing(missing: readonly MissingBaseItem[]): MissingSummary {
  const school = new Set<BaseRequirement>();
  const classes = new Map<BaseRequirement, Map<number, string>>();
  for (const item of missing) {
    if (item.roomId === null) {
      school.add(item.requirement);
      continue;
    }
    const rooms = classes.get(item.requirement) ?? new Map<number, string>();
    rooms.set(item.roomId, item.roomName ?? '');
    classes.set(item.requirement, rooms);
  }
  const byRank = (a: BaseRequirement, b: BaseRequirement) => requirementRank(a) - requirementRank(b);
  return {
    school: [...school].sort(byRank),
    classes: [...classes]
      .sort(([a], [b]) => byRank(a, b))
      .map(([requirement, rooms]) => ({
        requirement,
        rooms: [...rooms]
          .map(([roomId, roomName]) => ({ roomId, roomName }))
          .sort((a, b) => a.roomName.localeCompare(b.roomName, 'fr', { numeric: true }) || a.roomId - b.roomId),
      })),
  };
}

/** One bar series of a chart, with the name its legend and tooltip show. */
export interface BarSeries {
  name: string;
  data: number[];
  /** Series sharing a stack are drawn on top of one another. */
  stack?: string;
}

/** The ECharts option of a bar chart whose categories run down the side (long French names stay readable). */
export function horizontalBarOption(title: string, categories: readonly string[], series: readonly BarSeries[]) {
  return {
    // ECharts' aria: the chart is an image named by this description; its figures are in the table beside it.
    aria: { enabled: true, decal: { show: series.length > 1 }, label: { enabled: true, description: title } },
    animation: false,
    tooltip: { trigger: 'axis' as const, axisPointer: { type: 'shadow' as const } },
    legend: series.length > 1 ? { top: 0, left: 0, type: 'scroll' as const } : undefined,
    grid: { top: series.length > 1 ? 40 : 8, left: 8, right: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'value' as const, minInterval: 1 },
    // Top to bottom in the order given, as the table lists them; long names wrap, so a phone keeps room for the bars.
    yAxis: {
      type: 'category' as const,
      data: [...categories],
      inverse: true,
      axisLabel: { width: 140, overflow: 'break' as const, lineHeight: 14 },
    },
    series: series.map((one) => ({
      type: 'bar' as const,
      name: one.name,
      data: [...one.data],
      stack: one.stack,
      barMaxWidth: 28,
      emphasis: { focus: 'series' as const },
    })),
  };
}
