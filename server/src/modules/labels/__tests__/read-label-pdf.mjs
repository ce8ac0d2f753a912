// Reads a PDF back as a person and a phone would: the text of each page (pdfjs) and every
// image on it decoded as a QR code (jsqr). A separate Node process, as pdfjs is an ES module
// that Jest's CommonJS runtime cannot import. Usage: node read-label-pdf.mjs < file.pdf
// Prints JSON: { pages: [{ text, boxes, images, qr }] } (see pdf-reader.ts).
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { Buffer } from 'node:buffer';
import process from 'node:process';
import jsQR from 'jsqr';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const data = new Uint8Array(Buffer.concat(chunks));

// Raw pixels, not ImageBitmaps: Node has no OffscreenCanvas.
const pdf = await getDocument({ data, isOffscreenCanvasSupported: false, verbosity: 0 }).promise;

/** pdfjs image data (1 bit grey, RGB or RGBA) as the RGBA jsqr reads. */
function rgba(image) {
  const { width, height, data: pixels, kind } = image;
  if (kind === 3) return new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.byteLength);
  const out = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    let value;
    if (kind === 2) {
      out[i * 4] = pixels[i * 3];
      out[i * 4 + 1] = pixels[i * 3 + 1];
      out[i * 4 + 2] = pixels[i * 3 + 2];
    } else {
      const rowBytes = Math.ceil(width / 8);
      const x = i % width;
      const y = Math.floor(i / width);
      value = (pixels[y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1 ? 255 : 0;
      out[i * 4] = out[i * 4 + 1] = out[i * 4 + 2] = value;
    }
    out[i * 4 + 3] = 255;
  }
  return out;
}

const objectOf = (objs, id) => new Promise((resolve) => objs.get(id, resolve));

const pages = [];
for (let n = 1; n <= pdf.numPages; n++) {
  const page = await pdf.getPage(n);
  const items = (await page.getTextContent()).items.filter((item) => item.str.trim() !== '');
  const text = items.map((item) => item.str);
  // PDF points from the page's bottom-left corner.
  const boxes = items.map((item) => ({ x: item.transform[4], y: item.transform[5], width: item.width, height: item.height }));
  const ops = await page.getOperatorList();
  const qr = [];
  for (let i = 0; i < ops.fnArray.length; i++) {
    if (ops.fnArray[i] !== OPS.paintImageXObject) continue;
    const id = ops.argsArray[i][0];
    const image = await objectOf(id.startsWith('g_') ? page.commonObjs : page.objs, id);
    qr.push(jsQR(rgba(image), image.width, image.height)?.data ?? null);
  }
  pages.push({ text, boxes, images: qr.length, qr });
}
process.stdout.write(JSON.stringify({ pages }));
