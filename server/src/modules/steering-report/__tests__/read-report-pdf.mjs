// Reads the steering report's PDF back: each page's text (pdfjs) and how much vector drawing
// it holds (path operators), to tell a drawn chart from a page of text. A separate Node
// process, as pdfjs is an ES module that Jest's CommonJS runtime cannot import.
// Usage: node read-report-pdf.mjs < file.pdf — prints JSON { pages: [{ text, paths, fills }], title }.
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { Buffer } from 'node:buffer';
import process from 'node:process';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), isOffscreenCanvasSupported: false, verbosity: 0 }).promise;

const pages = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const text = (await page.getTextContent()).items.map((item) => item.str).filter((s) => s.trim() !== '');
  const ops = await page.getOperatorList();
  let paths = 0;
  let fills = 0;
  for (const fn of ops.fnArray) {
    if (fn === OPS.constructPath) paths += 1;
    if (fn === OPS.fill || fn === OPS.eoFill || fn === OPS.fillStroke) fills += 1;
  }
  const { width, height } = page.getViewport({ scale: 1 });
  pages.push({ text, paths, fills, width, height });
}
const { info } = await pdf.getMetadata();
process.stdout.write(JSON.stringify({ pages, title: info?.Title ?? null, language: info?.Language ?? null }));
