import type { Response } from 'express';
import { ReportFormat, SteeringReportQuery, type SteeringReport } from '@preau/shared';
import { can, principalOf, type ApiRouter } from '../../http/access';
import { parse } from '../../http/validate';
import type { SteeringReportService } from './steering-report.service';
import { reportFileName } from './report-tables';
import { renderReportCsv } from './report-csv';
import { renderReportXlsx } from './report-xlsx';
import { renderReportPdf } from './report-pdf';

const FILES = {
  csv: { type: 'text/csv; charset=utf-8', render: async (report: SteeringReport) => renderReportCsv(report) },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', render: renderReportXlsx },
  pdf: { type: 'application/pdf', render: renderReportPdf },
} as const;

export function steeringReportRoutes(api: ApiRouter, service: SteeringReportService): void {
  const read = can('reports:read', 'anywhere');
  const answer = async (res: Response, report: SteeringReport, format: ReportFormat) => {
    if (format === 'json') return res.json(report);
    const file = FILES[format];
    const bytes = await file.render(report);
    res.setHeader('Content-Type', file.type);
    res.setHeader('Content-Disposition', `attachment; filename="${reportFileName(report, format)}"`);
    res.send(bytes);
  };
  // `?format=csv|xlsx|pdf` or the file's extension on the path: the same report, as a download.
  api.get('/reports/steering', read, async (req, res) => {
    const { format: raw, ...query } = req.query;
    const format = parse(ReportFormat.default('json'), raw, 'format');
    await answer(res, await service.build(principalOf(req), parse(SteeringReportQuery, query, 'query')), format);
  });
  for (const format of ['csv', 'xlsx', 'pdf'] as const) {
    api.get(`/reports/steering.${format}`, read, async (req, res) =>
      answer(res, await service.build(principalOf(req), parse(SteeringReportQuery, req.query, 'query')), format),
    );
  }
}
