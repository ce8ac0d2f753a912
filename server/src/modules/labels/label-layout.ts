/** Millimetres to PDF points. */
export const mm = (value: number): number => (value * 72) / 25.4;

/**
 * The label sheet Préau prints on: A4, 3 columns × 8 rows of 70 × 37 mm labels, edge to edge
 * with half a millimetre top and bottom (the common "24 étiquettes 70 × 37 mm" sheet, e.g.
 * Avery 3474 or Herma 4453). Every measure is in millimetres. Another sheet is another constant
 * of this shape: the renderer reads nothing else.
 */
export const LABEL_SHEET = {
  page: { width: 210, height: 297 },
  columns: 3,
  rows: 8,
  label: { width: 70, height: 37 },
  /** Where the first label's top-left corner sits on the page. */
  origin: { left: 0, top: 0.5 },
  /** Space between neighbouring labels. */
  gap: { horizontal: 0, vertical: 0 },
  /**
   * Kept blank inside each label: printers do not print to the paper's edge and sheets feed a
   * little off, so nothing that matters (the QR code's quiet zone least of all) may sit there.
   */
  padding: 4,
  /** Between the QR code and the text beside it. */
  qrTextGap: 2.5,
} as const;

export type LabelSheetLayout = typeof LABEL_SHEET;

export const labelsPerPage = (layout: LabelSheetLayout = LABEL_SHEET): number => layout.columns * layout.rows;

/** Top-left corner of the `index`-th label of a page (row by row), in points. */
export function labelOrigin(index: number, layout: LabelSheetLayout = LABEL_SHEET): { x: number; y: number } {
  const column = index % layout.columns;
  const row = Math.floor(index / layout.columns) % layout.rows;
  return {
    x: mm(layout.origin.left + column * (layout.label.width + layout.gap.horizontal)),
    y: mm(layout.origin.top + row * (layout.label.height + layout.gap.vertical)),
  };
}
