import PDFDocument from 'pdfkit';
import QRCode, { type QRCodeToBufferOptions } from 'qrcode';
import type { EquipmentKind } from '@preau/shared';
import { pdfBuffer } from '../../http/pdf-buffer';
import { KIND_LABEL_FR } from './equipment-words-fr';
import { LABEL_SHEET, labelOrigin, labelsPerPage, mm, type LabelSheetLayout } from './label-layout';

/** What one label shows. */
export interface LabelContent {
  assetTag: string;
  kind: EquipmentKind;
  /** The school's name, or for commune stock the line saying so. */
  placeName: string;
  roomName: string | null;
  /** What the QR code encodes: the page that starts an incident report for this item. */
  url: string;
}

const TAG_FONT = 'Helvetica-Bold';
const TEXT_FONT = 'Helvetica';
const TAG_SIZE = { largest: 13, smallest: 7 };

/**
 * The QR code as a PNG: error correction M (a scratched or smudged label still reads), the
 * standard 4-module quiet zone kept inside the image so nothing printed beside it can touch it.
 * Grey without alpha and unfiltered rows: PDFKit then embeds the compressed pixels as they are,
 * where an alpha channel would make it decode each image and split off a mask (several times
 * slower over a sheet of 2,000 labels).
 */
function qrPng(url: string): Promise<Buffer> {
  // pngjs options that @types/qrcode leaves out (qrcode hands them on as they are); a new object each time, as qrcode writes into it.
  const png = { colorType: 0, filterType: 0 } as QRCodeToBufferOptions['rendererOpts'];
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 4, rendererOpts: png });
}

/** A4 sheets of labels, in the order given, filling each page row by row. */
export async function renderLabelSheet(labels: readonly LabelContent[], title: string, layout: LabelSheetLayout = LABEL_SHEET): Promise<Buffer> {
  const doc = new PDFDocument({
    size: [mm(layout.page.width), mm(layout.page.height)],
    margin: 0,
    autoFirstPage: false,
    lang: 'fr-FR',
    info: { Title: title, Author: 'Préau', Creator: 'Préau' },
  });
  const finished = pdfBuffer(doc);

  const perPage = labelsPerPage(layout);
  for (const [index, label] of labels.entries()) {
    if (index % perPage === 0) doc.addPage();
    drawLabel(doc, label, labelOrigin(index % perPage, layout), await qrPng(label.url), layout);
  }
  // An empty selection still answers a PDF: one blank sheet rather than a file readers refuse.
  if (labels.length === 0) doc.addPage();
  doc.end();
  return finished;
}

function drawLabel(doc: PDFKit.PDFDocument, label: LabelContent, origin: { x: number; y: number }, qr: Buffer, layout: LabelSheetLayout): void {
  const padding = mm(layout.padding);
  const qrSide = mm(layout.label.height) - 2 * padding;
  doc.image(qr, origin.x + padding, origin.y + padding, { width: qrSide, height: qrSide });

  const x = origin.x + padding + qrSide + mm(layout.qrTextGap);
  const width = origin.x + mm(layout.label.width) - padding - x;
  let y = origin.y + padding;
  const bottom = origin.y + mm(layout.label.height) - padding;

  // The tag is what people read and type: as large as fits on one line, wrapped only if it must.
  const size = tagSize(doc, label.assetTag, width);
  doc.font(TAG_FONT).fontSize(size);
  const tagHeight = Math.min(doc.heightOfString(label.assetTag, { width }), size * 2.4);
  doc.text(label.assetTag, x, y, { width, height: tagHeight, ellipsis: true });
  y += tagHeight + 3;

  const line = (text: string, fontSize: number, maxLines: number) => {
    if (y >= bottom) return;
    doc.font(TEXT_FONT).fontSize(fontSize);
    const height = Math.min(doc.heightOfString(text, { width }), fontSize * 1.2 * maxLines, bottom - y);
    doc.text(text, x, y, { width, height, ellipsis: true });
    y += height + 1.5;
  };
  line(KIND_LABEL_FR[label.kind], 8, 2);
  line(label.placeName, 7.5, 3);
  if (label.roomName) line(label.roomName, 7.5, 2);
}

function tagSize(doc: PDFKit.PDFDocument, tag: string, width: number): number {
  doc.font(TAG_FONT);
  for (let size = TAG_SIZE.largest; size > TAG_SIZE.smallest; size -= 0.5) {
    if (doc.fontSize(size).widthOfString(tag) <= width) return size;
  }
  return TAG_SIZE.smallest;
}
