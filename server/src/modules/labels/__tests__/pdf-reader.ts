import { execFile } from 'node:child_process';
import path from 'node:path';

export interface PdfPage {
  /** The page's text pieces, in drawing order. */
  text: string[];
  /** Where each text piece sits, in PDF points from the page's bottom-left corner. */
  boxes: { x: number; y: number; width: number; height: number }[];
  images: number;
  /** Each image in drawing order, decoded as a QR code (null when it is none). */
  qr: (string | null)[];
}

/** Text and QR codes of a PDF, read back by pdfjs and jsqr in a child process (see read-label-pdf.mjs). */
export function readPdf(bytes: Buffer): Promise<PdfPage[]> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, [path.join(__dirname, 'read-label-pdf.mjs')], { maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return reject(new Error(`reading the PDF failed: ${stderr || err.message}`));
      resolve((JSON.parse(stdout) as { pages: PdfPage[] }).pages);
    });
    child.stdin!.end(bytes);
  });
}
