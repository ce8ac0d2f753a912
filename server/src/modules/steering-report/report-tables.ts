import { REPORTING_TIME_ZONE, schoolYearLabel, type SteeringReport } from '@preau/shared';
import {
  AGE_BAND_LABEL_FR,
  CATEGORY_LABEL_FR,
  FUNDING_LABEL_FR,
  KIND_LABEL_FR,
  STATUS_LABEL_FR,
  levelLabel,
  periodLabel,
  scopeLabel,
} from './report-labels';
import { frenchDay } from './report-period';
import { slugify } from '../equipment-csv/csv-export';

/**
 * The report as the exports lay it out: sections of titled tables, with the definition of
 * each figure. CSV, XLSX and PDF render this one model, so the three files always agree.
 */

/** How a value is written: euros are given in cents, shares as fractions (0 to 1). */
export type CellFormat = 'text' | 'integer' | 'euros' | 'percent' | 'hours' | 'decimal';
export type Cell = string | number | null;

export interface ReportColumn {
  header: string;
  format: CellFormat;
}

export interface ReportTable {
  title: string;
  columns: ReportColumn[];
  rows: Cell[][];
  /** A last row in bold (totals). */
  totalRow?: Cell[];
}

export interface ReportSection {
  id: 'summary' | 'incidents' | 'delays' | 'escalations' | 'satisfaction' | 'fleet' | 'spending' | 'ent';
  title: string;
  /** Worksheet name: 31 characters at most, none of `[]:*?/\`. */
  sheet: string;
  /** What the figures count, in a sentence or two. */
  definition: string;
  tables: ReportTable[];
}

const text = (header: string): ReportColumn => ({ header, format: 'text' });
const integer = (header: string): ReportColumn => ({ header, format: 'integer' });
const euros = (header: string): ReportColumn => ({ header, format: 'euros' });

export const REPORT_TITLE = 'Rapport du comité de pilotage';

export function reportSections(report: SteeringReport): ReportSection[] {
  const { incidents, responseTimes, escalations, reopening, satisfaction, fleet, spending, ent } = report;
  const delayRow = (label: string, figures: SteeringReport['responseTimes']['firstResponse']): Cell[] => [
    label,
    figures.measured,
    figures.medianHours,
    figures.p90Hours,
    figures.withTarget,
    figures.withinTarget,
    figures.shareWithinTarget,
  ];
  return [
    {
      id: 'summary',
      title: 'Synthèse',
      sheet: 'Synthèse',
      definition: `Jours de l’heure de Paris (${report.timeZone}). Les durées sont en heures calendaires (nuits, week-ends et attentes compris).`,
      tables: [
        {
          title: 'Le rapport',
          columns: [text('Rubrique'), text('Valeur')],
          rows: [
            ['Périmètre', scopeLabel(report.scope)],
            ['Période', periodLabel(report.period)],
            ['Généré le', generatedLabel(report.generatedAt)],
          ],
        },
        {
          title: 'Chiffres clés',
          columns: [text('Indicateur'), { header: 'Valeur', format: 'decimal' }],
          rows: [
            ['Incidents signalés', incidents.total],
            ['Délai médian de première réponse (heures)', responseTimes.firstResponse.medianHours],
            ['Délai médian de résolution (heures)', responseTimes.resolution.medianHours],
            ['Escalades', escalations.total],
            ['Taux de réouverture (%)', percent(reopening.rate)],
            ['Satisfaction moyenne (sur 5)', satisfaction.average],
            ['Matériels en parc', fleet.total],
            ['Dépenses de la période (€)', spending.totals.totalCents / 100],
          ],
        },
      ],
    },
    {
      id: 'incidents',
      title: 'Incidents signalés',
      sheet: 'Incidents',
      definition: 'Incidents créés dans la période, comptés selon leur niveau de support actuel, leur catégorie et leur école.',
      tables: [
        { title: 'Par niveau de support', columns: [text('Niveau'), integer('Incidents')], rows: incidents.byLevel.map((row) => [levelLabel(row.level), row.count]), totalRow: ['Total', incidents.total] },
        { title: 'Par catégorie', columns: [text('Catégorie'), integer('Incidents')], rows: incidents.byCategory.map((row) => [CATEGORY_LABEL_FR[row.category], row.count]) },
        { title: 'Par école', columns: [text('UAI'), text('École'), integer('Incidents')], rows: incidents.bySchool.map((row) => [row.uai, row.name, row.count]) },
      ],
    },
    {
      id: 'delays',
      title: 'Délais de prise en charge',
      sheet: 'Délais',
      definition:
        'Incidents créés dans la période. Première réponse : du départ du délai à la première réponse ; résolution : du départ du délai à la résolution. ' +
        'Médiane et 90e centile en heures calendaires. Dans les délais : étape franchie au plus tard à l’échéance ; une échéance dépassée sans réponse compte comme manquée.',
      tables: [
        {
          title: 'Délais',
          columns: [
            text('Étape'),
            integer('Incidents mesurés'),
            { header: 'Médiane (heures)', format: 'hours' },
            { header: '90e centile (heures)', format: 'hours' },
            integer('Avec échéance'),
            integer('Dans les délais'),
            { header: 'Part dans les délais', format: 'percent' },
          ],
          rows: [delayRow('Première réponse', responseTimes.firstResponse), delayRow('Résolution', responseTimes.resolution)],
        },
      ],
    },
    {
      id: 'escalations',
      title: 'Escalades et réouvertures',
      sheet: 'Escalades',
      definition:
        'Escalades datées de la période, par niveau de départ. Taux de réouverture : incidents résolus dans la période puis rouverts, sur les incidents résolus dans la période.',
      tables: [
        { title: 'Escalades par niveau de départ', columns: [text('Niveau de départ'), integer('Escalades')], rows: escalations.byFromLevel.map((row) => [levelLabel(row.level), row.count]), totalRow: ['Total', escalations.total] },
        {
          title: 'Réouvertures',
          columns: [integer('Incidents résolus'), integer('Dont rouverts'), { header: 'Taux de réouverture', format: 'percent' }],
          rows: [[reopening.resolved, reopening.reopened, reopening.rate]],
        },
      ],
    },
    {
      id: 'satisfaction',
      title: 'Satisfaction',
      sheet: 'Satisfaction',
      definition: 'Notes de 1 à 5 données par les déclarants sur les incidents clôturés dans la période.',
      tables: [
        { title: 'Répartition des notes', columns: [text('Note'), integer('Nombre')], rows: satisfaction.distribution.map((row) => [`${row.rating} sur 5`, row.count]), totalRow: ['Total', satisfaction.ratings] },
        { title: 'Moyenne', columns: [integer('Notes données'), { header: 'Note moyenne (sur 5)', format: 'decimal' }], rows: [[satisfaction.ratings, satisfaction.average]] },
      ],
    },
    {
      id: 'fleet',
      title: 'Parc informatique',
      sheet: 'Parc',
      definition: `Matériels du périmètre au ${frenchDay(fleet.asOf)}, réformés exclus. Âge : années révolues depuis la date d’achat.`,
      tables: [
        { title: 'Par type', columns: [text('Type'), integer('Matériels')], rows: fleet.byKind.map((row) => [KIND_LABEL_FR[row.kind], row.count]), totalRow: ['Total', fleet.total] },
        { title: 'Par âge', columns: [text('Âge'), integer('Matériels')], rows: fleet.byAge.map((row) => [AGE_BAND_LABEL_FR[row.band], row.count]) },
        { title: 'Par état', columns: [text('État'), integer('Matériels')], rows: fleet.byStatus.map((row) => [STATUS_LABEL_FR[row.status], row.count]) },
      ],
    },
    {
      id: 'spending',
      title: 'Dépenses et subventions',
      sheet: 'Dépenses',
      definition:
        'Matériels achetés dans la période (date d’achat). Part de l’État : subvention inscrite sur le matériel, au plus son prix ; part de la commune : le prix moins la part de l’État. ' +
        'Les matériels sans prix sont comptés, non additionnés. Fonds propres des écoles et dons à part.',
      tables: [
        {
          title: 'Budget communal et subventions de l’État',
          columns: [text('Financement'), text('Programme'), integer('Matériels'), integer('Dont sans prix'), euros('Montant total (€)'), euros('Part de l’État (€)'), euros('Part de la commune (€)')],
          rows: spending.rows.map((row) => [FUNDING_LABEL_FR[row.funding], row.programme ?? '', row.items, row.unpricedItems, row.totalCents, row.stateCents, row.communeCents]),
          totalRow: ['Total', '', spending.totals.items, spending.totals.unpricedItems, spending.totals.totalCents, spending.totals.stateCents, spending.totals.communeCents],
        },
        {
          title: 'Fonds propres des écoles et dons',
          columns: [text('Financement'), integer('Matériels'), integer('Dont sans prix'), euros('Montant (€)')],
          rows: spending.other.map((row) => [FUNDING_LABEL_FR[row.funding], row.items, row.unpricedItems, row.totalCents]),
        },
      ],
    },
    {
      id: 'ent',
      title: 'Abonnements à l’ENT',
      sheet: 'ENT',
      definition: 'Écoles abonnées à l’ENT de l’académie pour chaque année scolaire (1er septembre – 31 août) qui recoupe la période, et leur coût.',
      tables: [
        {
          title: 'Par année scolaire',
          columns: [text('Année scolaire'), integer('Écoles abonnées'), euros('Coût (€)')],
          rows: ent.years.map((year) => [schoolYearLabel(year.schoolYear), year.schools, year.costCents]),
        },
        {
          title: 'Écoles abonnées',
          columns: [text('Année scolaire'), text('UAI'), text('École'), euros('Coût (€)')],
          rows: ent.years.flatMap((year) => year.subscribed.map((school) => [schoolYearLabel(year.schoolYear), school.uai, school.name, school.costCents])),
        },
      ],
    },
  ];
}

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/** `01/12/2026 à 09:15` in Paris time. */
export function generatedLabel(iso: string): string {
  const parts = new Intl.DateTimeFormat('fr-FR', { timeZone: REPORTING_TIME_ZONE, dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
  return parts.replace(' ', ' à ');
}

/** `rapport-copil-<scope>-<period>.<ext>`, plain ASCII. */
export function reportFileName(report: SteeringReport, extension: 'csv' | 'xlsx' | 'pdf'): string {
  const scope = report.scope.kind === 'all' ? 'perimetre' : `${report.scope.kind}-${slugify(report.scope.name)}`;
  return `rapport-copil-${scope}-${report.period.key}.${extension}`;
}

