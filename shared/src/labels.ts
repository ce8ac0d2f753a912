import { z } from 'zod';
import { Id } from './common';

/** Most labels one sheet request prints: about 84 A4 pages, still a quick download. */
export const LABELS_MAX = 2000;

const ItemId = z.string().regex(/^\d+$/, 'Item ids are whole numbers').transform(Number).pipe(z.number().int().positive());

/** `ids=1,2,3` (or `ids=1&ids=2`): distinct item ids, in the order given. */
const IdList = z
  .union([z.string(), z.array(z.string())])
  .transform((raw) => (Array.isArray(raw) ? raw : [raw]).flatMap((part) => part.split(',')).map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(ItemId).min(1, 'Give at least one item id').max(LABELS_MAX, `At most ${LABELS_MAX} labels at a time`))
  .transform((ids) => [...new Set(ids)]);

/** Which items a label sheet is for: a whole school, one room, or chosen items. */
export type LabelSelection = { kind: 'school'; schoolId: number } | { kind: 'room'; roomId: number } | { kind: 'items'; ids: number[] };

/**
 * `GET /labels.pdf`: exactly one of `schoolId`, `roomId` or `ids`. A school or room prints the
 * items still in the inventory; retired items are printed only when chosen by id.
 */
export const LabelSheetQuery = z
  .object({ schoolId: Id.optional(), roomId: Id.optional(), ids: IdList.optional() })
  .superRefine((value, ctx) => {
    const given = (['schoolId', 'roomId', 'ids'] as const).filter((key) => value[key] !== undefined);
    if (given.length === 1) return;
    const message = 'Choose exactly one of schoolId, roomId or ids';
    for (const path of given.length === 0 ? ['schoolId', 'roomId', 'ids'] : given) ctx.addIssue({ code: 'custom', path: [path], message });
  })
  .transform((value): LabelSelection => {
    if (value.schoolId !== undefined) return { kind: 'school', schoolId: value.schoolId };
    if (value.roomId !== undefined) return { kind: 'room', roomId: value.roomId };
    return { kind: 'items', ids: value.ids! };
  });
export type LabelSheetQuery = z.input<typeof LabelSheetQuery>;
