import ExcelJS from 'exceljs';
import type { SteeringReport } from '@preau/shared';
import { REPORT_TITLE, reportSections, type Cell, type CellFormat } from './report-tables';

/** Excel number formats; the workbook shows them in the reader's locale (decimal comma in French). */
const NUMBER_FORMATS: Readonly<Record<CellFormat, string | undefined>> = {
  text: undefined,
  integer: '0',
  euros: '#,##0.00 "€"',
  percent: '0.0%',
  hours: '0.0',
  decimal: '0.00',
};

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDF5' } };

/** Euros are stored in cents in the report; the workbook holds euros, so sums and formats work as usual. */
const xlsxValue = (value: Cell, format: CellFormat) => (value === null ? null : format === 'euros' && typeof value === 'number' ? value / 100 : value);

/** The report as a workbook: one sheet per section, its title and definition on top, then its tables with their headers. */
export async function renderReportXlsx(report: SteeringReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Préau';
  workbook.title = REPORT_TITLE;
  workbook.created = new Date(report.generatedAt);
  for (const section of reportSections(report)) {
    const sheet = workbook.addWorksheet(section.sheet, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    const width = Math.max(2, ...section.tables.map((table) => table.columns.length));
    sheet.addRow([section.title]).font = { bold: true, size: 14 };
    const definition = sheet.addRow([section.definition]);
    sheet.mergeCells(definition.number, 1, definition.number, width);
    definition.alignment = { wrapText: true, vertical: 'top' };
    definition.height = 15 * Math.ceil(section.definition.length / (width * 22));
    for (const table of section.tables) {
      sheet.addRow([]);
      sheet.addRow([table.title]).font = { bold: true, size: 12 };
      const header = sheet.addRow(table.columns.map((column) => column.header));
      header.font = { bold: true };
      header.eachCell((cell) => {
        cell.fill = HEADER_FILL;
        cell.alignment = { wrapText: true, vertical: 'middle' };
      });
      const write = (values: Cell[], bold: boolean) => {
        const row = sheet.addRow(values.map((value, i) => xlsxValue(value, table.columns[i]!.format)));
        table.columns.forEach((column, i) => {
          const format = NUMBER_FORMATS[column.format];
          if (format) row.getCell(i + 1).numFmt = format;
        });
        if (bold) row.font = { bold: true };
      };
      for (const values of table.rows) write(values, false);
      if (table.totalRow) write(table.totalRow, true);
    }
    sheet.columns.forEach((column, i) => {
      column.width = i === 0 ? 34 : 20;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
