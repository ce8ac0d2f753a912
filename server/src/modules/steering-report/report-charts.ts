import * as echarts from 'echarts';
import type { SteeringReport } from '@preau/shared';
import { AGE_BAND_LABEL_FR, CATEGORY_LABEL_FR, FUNDING_LABEL_FR } from './report-labels';
import type { ReportSection } from './report-tables';
import { thousands } from './report-format';

/** A chart of the PDF, drawn as vector graphics; its figures are also in the section's tables. */
export interface ReportChart {
  section: ReportSection['id'];
  title: string;
  svg: string;
  width: number;
  height: number;
}

const WIDTH = 640;
const HEIGHT = 300;
/** Dark enough on white for print and for readers with low vision; one hue per series. */
const COLOURS = ['#1f4e8c', '#a8430c'];

const baseOption = {
  animation: false,
  color: COLOURS,
  textStyle: { fontFamily: 'sans-serif', color: '#222' },
  grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
};

function render(option: echarts.EChartsCoreOption, height = HEIGHT): string {
  // Server-side rendering: no DOM, an SVG string; a fresh instance per chart, disposed at once.
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption({ ...baseOption, ...option });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Figures on value axes as French readers write them (`10 000`, not `10,000`). */
const valueAxis = { type: 'value', axisLabel: { formatter: (value: number) => thousands(value) } };

function bars(categories: string[], values: number[], horizontal = false): echarts.EChartsCoreOption {
  // Labels under vertical bars wrap within their slot rather than run into each other.
  const labelWidth = horizontal ? 200 : Math.floor((WIDTH - 80) / Math.max(1, categories.length)) - 8;
  const category = { type: 'category', data: categories, axisLabel: { interval: 0, fontSize: 12, width: labelWidth, overflow: 'break' }, ...(horizontal ? { inverse: true } : {}) };
  const value = { ...valueAxis, minInterval: 1 };
  return {
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: [{ type: 'bar', data: values, barMaxWidth: 48, label: { show: true, position: horizontal ? 'right' : 'top', fontSize: 12, color: '#222' } }],
  };
}

/** The charts of the report, skipping those with nothing to show. */
export function reportCharts(report: SteeringReport): ReportChart[] {
  const charts: ReportChart[] = [];
  const add = (section: ReportChart['section'], title: string, option: echarts.EChartsCoreOption, height = HEIGHT) =>
    charts.push({ section, title, svg: render(option, height), width: WIDTH, height });

  const { byCategory } = report.incidents;
  if (byCategory.length > 0) {
    add(
      'incidents',
      'Incidents par catégorie',
      bars(byCategory.map((row) => CATEGORY_LABEL_FR[row.category]), byCategory.map((row) => row.count), true),
      Math.max(160, 40 + byCategory.length * 28),
    );
  }
  if (report.satisfaction.ratings > 0) {
    const { distribution } = report.satisfaction;
    add('satisfaction', 'Répartition des notes de satisfaction', bars(distribution.map((row) => `${row.rating} sur 5`), distribution.map((row) => row.count)), 240);
  }
  if (report.fleet.total > 0) {
    const { byAge } = report.fleet;
    add('fleet', 'Matériels par âge', bars(byAge.map((row) => AGE_BAND_LABEL_FR[row.band]), byAge.map((row) => row.count)), 260);
  }
  const { rows } = report.spending;
  if (rows.some((row) => row.totalCents > 0)) {
    const labels = rows.map((row) => (row.programme ? row.programme : FUNDING_LABEL_FR[row.funding]));
    const euros = (cents: number) => Math.round(cents) / 100;
    const series = (name: string, values: number[]) => ({
      name,
      type: 'bar',
      stack: 'share',
      data: values,
      barMaxWidth: 40,
      label: { show: true, fontSize: 11, color: '#fff', formatter: (p: { value: number }) => (p.value > 0 ? `${thousands(Math.round(p.value))} €` : '') },
    });
    add(
      'spending',
      'Dépenses par financement : part de l’État et part de la commune (€)',
      {
        legend: { top: 0, textStyle: { fontSize: 12 } },
        grid: { ...baseOption.grid, top: 36 },
        xAxis: valueAxis,
        yAxis: { type: 'category', data: labels, inverse: true, axisLabel: { fontSize: 12, width: 180, overflow: 'truncate' } },
        series: [
          series('Part de l’État', rows.map((row) => euros(row.stateCents))),
          series('Part de la commune', rows.map((row) => euros(row.communeCents))),
        ],
      },
      Math.max(180, 80 + rows.length * 40),
    );
  }
  return charts;
}
