import type { AgeBand, DashboardScopeKind, EquipmentStatus, FundingSource, ReportPeriod } from '@preau/shared';
import { schoolYearLabel } from '@preau/shared';
import { STATUS_LABEL_FR as STATUS_WORDS_FR } from '../labels/equipment-words-fr';
import { frenchDay } from './report-period';

// The exported files are read by steering committees in French: the words live with the exports.

export { CATEGORY_LABEL_FR } from '../routing/routing-labels';

export { KIND_LABEL_FR } from '../labels/equipment-words-fr';

/** Statuses as table cells: the labels' words, capitalised. */
export const STATUS_LABEL_FR = Object.fromEntries(
  Object.entries(STATUS_WORDS_FR).map(([status, words]) => [status, words.charAt(0).toUpperCase() + words.slice(1)]),
) as Readonly<Record<EquipmentStatus, string>>;

export const FUNDING_LABEL_FR: Readonly<Record<FundingSource, string>> = {
  commune: 'Budget de la commune',
  state_subsidy: 'Subvention de l’État',
  school_funds: 'Fonds propres de l’école',
  donation: 'Don',
};

export const AGE_BAND_LABEL_FR: Readonly<Record<AgeBand, string>> = {
  under_1: 'Moins d’un an',
  '1_to_3': '1 à 3 ans',
  '3_to_5': '3 à 5 ans',
  '5_to_8': '5 à 8 ans',
  '8_and_more': '8 ans et plus',
  unknown: 'Date d’achat inconnue',
};

const SCOPE_KIND_FR: Readonly<Record<DashboardScopeKind, string>> = {
  all: '',
  academy: 'Académie',
  commune: 'Commune',
  circonscription: 'Circonscription',
};

/** `Commune : Saint-Denis`; the whole scope is named as it is. */
export function scopeLabel(scope: { kind: DashboardScopeKind; name: string }): string {
  return scope.kind === 'all' ? scope.name : `${SCOPE_KIND_FR[scope.kind]} : ${scope.name}`;
}

const QUARTER_FR = ['1er trimestre', '2e trimestre', '3e trimestre', '4e trimestre'];

/** `3e trimestre 2026 (du 01/07/2026 au 30/09/2026)`, `Année scolaire 2025-2026 (…)`, `Du … au …`. */
export function periodLabel(period: ReportPeriod): string {
  const span = `du ${frenchDay(period.from)} au ${frenchDay(period.to)}`;
  switch (period.kind) {
    case 'quarter':
      return `${QUARTER_FR[Number(period.key.slice(-1)) - 1]} ${period.key.slice(0, 4)} (${span})`;
    case 'school_year':
      return `Année scolaire ${schoolYearLabel(Number(period.from.slice(0, 4)))} (${span})`;
    case 'dates':
      return span.charAt(0).toUpperCase() + span.slice(1);
  }
}

export const levelLabel = (level: number) => (level === 0 ? 'Niveau non précisé' : `Niveau ${level}`);
