import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { SteeringReport } from '@preau/shared';
import { pdfBuffer } from '../../http/pdf-buffer';
import { periodLabel, scopeLabel } from './report-labels';
import { REPORT_TITLE, generatedLabel, reportSections, type ReportTable } from './report-tables';
import { reportCharts, type ReportChart } from './report-charts';
import { printedCell } from './report-format';

type Doc = PDFKit.PDFDocument;

const MARGIN = { top: 56, bottom: 56, left: 50, right: 50 };
const INK = '#1a1a1a';
const MUTED = '#4a4a4a';
const ACCENT = '#1f4e8c';
const HEADER_FILL = '#e8edf5';
const RULE = '#b8c2d1';
const CELL_PADDING = 4;
const BODY_SIZE = 8.5;

/**
 * The report as a print-ready A4 PDF, in French: a title block, then each section with its
 * definition, its tables (headers repeated on a new page) and its charts, which ECharts renders
 * to SVG on the server and svg-to-pdfkit draws as vector graphics. The standard Helvetica
 * covers French (Latin-1 and the typographic apostrophe).
 */
export async function renderReportPdf(report: SteeringReport): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    bufferPages: true,
    lang: 'fr-FR',
    displayTitle: true,
    info: { Title: `${REPORT_TITLE} — ${scopeLabel(report.scope)}`, Author: 'Préau', Subject: periodLabel(report.period), CreationDate: new Date(report.generatedAt) },
  });
  const finished = pdfBuffer(doc);

  titleBlock(doc, report);
  const charts = reportCharts(report);
  for (const section of reportSections(report)) {
    if (section.id === 'summary') {
      table(doc, section.tables[1]!);
      continue;
    }
    ensureSpace(doc, 90);
    doc.moveDown(0.8);
    doc.font('Helvetica-Bold').fontSize(14).fillColor(ACCENT).text(section.title, left(doc), doc.y, { width: contentWidth(doc) });
    doc.moveDown(0.2);
    doc.font('Helvetica').fontSize(8.5).fillColor(MUTED).text(section.definition, { width: contentWidth(doc) });
    for (const one of section.tables) table(doc, one);
    for (const chart of charts.filter((c) => c.section === section.id)) drawChart(doc, chart);
  }
  footers(doc, report);
  doc.end();
  return finished;
}

const left = (doc: Doc) => doc.page.margins.left;
const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function titleBlock(doc: Doc, report: SteeringReport): void {
  doc.font('Helvetica-Bold').fontSize(20).fillColor(ACCENT).text(REPORT_TITLE);
  doc.moveDown(0.4);
  const line = (label: string, value: string) =>
    doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(`${label} : `, { continued: true }).font('Helvetica').text(value);
  line('Périmètre', scopeLabel(report.scope));
  line('Période', periodLabel(report.period));
  line('Généré le', generatedLabel(report.generatedAt));
  doc.moveDown(0.3);
  doc
    .font('Helvetica')
    .fontSize(8.5)
    .fillColor(MUTED)
    .text('Jours de l’heure de Paris. Durées en heures calendaires (nuits, week-ends et attentes compris). Chaque rubrique rappelle ce qu’elle compte.');
}

/** Column widths: text columns take three shares, figures two, over the page's width. */
function columnWidths(doc: Doc, t: ReportTable): number[] {
  const weights = t.columns.map((column) => (column.format === 'text' ? 3 : 2));
  const total = weights.reduce((sum, w) => sum + w, 0);
  return weights.map((w) => (contentWidth(doc) * w) / total);
}

function table(doc: Doc, t: ReportTable): void {
  const widths = columnWidths(doc, t);
  const rows = [...t.rows.map((cells) => ({ cells, bold: false })), ...(t.totalRow ? [{ cells: t.totalRow, bold: true }] : [])];
  const texts = rows.map((row) => ({ bold: row.bold, cells: row.cells.map((value, i) => printedCell(value, t.columns[i]!.format)) }));
  const heightOf = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(BODY_SIZE);
    return Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 2 * CELL_PADDING }))) + 2 * CELL_PADDING;
  };
  const headers = t.columns.map((column) => column.header);
  const headerHeight = heightOf(headers, true);

  // The title stays with the header and the first row.
  ensureSpace(doc, 22 + headerHeight + (texts[0] ? heightOf(texts[0].cells, texts[0].bold) : 16));
  doc.moveDown(0.6);
  doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(t.title, left(doc), doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.2);
  const drawRow = (cells: string[], options: { bold: boolean; header: boolean }) => {
    const height = options.header ? headerHeight : heightOf(cells, options.bold);
    const y = doc.y;
    if (options.header) doc.rect(left(doc), y, contentWidth(doc), height).fill(HEADER_FILL);
    doc.font(options.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(BODY_SIZE).fillColor(INK);
    let x = left(doc);
    cells.forEach((cell, i) => {
      const numeric = t.columns[i]!.format !== 'text';
      doc.text(cell, x + CELL_PADDING, y + CELL_PADDING, { width: widths[i]! - 2 * CELL_PADDING, align: numeric ? 'right' : 'left' });
      x += widths[i]!;
    });
    doc
      .moveTo(left(doc), y + height)
      .lineTo(left(doc) + contentWidth(doc), y + height)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    doc.x = left(doc);
    doc.y = y + height;
  };

  drawRow(headers, { bold: true, header: true });
  if (texts.length === 0) {
    doc.font('Helvetica-Oblique').fontSize(BODY_SIZE).fillColor(MUTED).text('Aucune donnée pour cette période et ce périmètre.', left(doc) + CELL_PADDING, doc.y + CELL_PADDING);
    return;
  }
  for (const row of texts) {
    if (doc.y + heightOf(row.cells, row.bold) > bottom(doc)) {
      doc.addPage();
      doc.font('Helvetica-Oblique').fontSize(9).fillColor(MUTED).text(`${t.title} (suite)`, left(doc), doc.y);
      doc.moveDown(0.2);
      drawRow(headers, { bold: true, header: true });
    }
    drawRow(row.cells, { bold: row.bold, header: false });
  }
}

/** A chart below its section's tables, scaled to the page width; on the next page if it does not fit. */
function drawChart(doc: Doc, chart: ReportChart): void {
  const width = contentWidth(doc);
  const height = (chart.height * width) / chart.width;
  ensureSpace(doc, height + 30);
  doc.moveDown(0.8);
  doc.font('Helvetica-Bold').fontSize(10).fillColor(INK).text(`Graphique : ${chart.title}`, left(doc), doc.y, { width });
  doc.moveDown(0.3);
  const y = doc.y;
  // Unsupported SVG details (ECharts' hover styles) are only cosmetic: not worth a warning per chart.
  SVGtoPDF(doc, chart.svg, left(doc), y, { width, height, preserveAspectRatio: 'xMinYMin meet', warningCallback: () => undefined });
  doc.x = left(doc);
  doc.y = y + height;
}

function footers(doc: Doc, report: SteeringReport): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // Writing in the bottom margin would add a page: lift the margin while the footer is written.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - margin + 18;
    doc.font('Helvetica').fontSize(8).fillColor(MUTED);
    doc.text(`${REPORT_TITLE} — ${scopeLabel(report.scope)} — ${report.period.key}`, left(doc), y, { width: contentWidth(doc) - 60, lineBreak: false });
    doc.text(`Page ${i + 1} / ${range.count}`, left(doc), y, { width: contentWidth(doc), align: 'right', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
}
