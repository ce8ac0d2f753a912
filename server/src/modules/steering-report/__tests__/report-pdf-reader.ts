import { execFile } from 'node:child_process';
import path from 'node:path';

export interface ReportPdfPage {
  text: string[];
  /** Path-construction operators: table rules, chart bars and axes. */
  paths: number;
  fills: number;
  /** In PDF points. */
  width: number;
  height: number;
}

/** The pages of a PDF as pdfjs reads them, in a child process (see read-report-pdf.mjs). */
export function readReportPdf(bytes: Buffer): Promise<{ pages: ReportPdfPage[]; title: string | null; language: string | null }> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [path.join(__dirname, 'read-report-pdf.mjs')], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`reading the PDF failed: ${stderr || err.message}`));
      resolve(JSON.parse(stdout));
    });
    child.stdin!.end(bytes);
  });
}
