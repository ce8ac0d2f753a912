import { z } from 'zod';

/** Numeric record id as it appears in paths and query strings. */
export const Id = z.coerce.number().int().positive();

/**
 * The organisation a dashboard, report or list may be narrowed to, by id. At most one may be
 * given: pair the shape with `atMostOneScope`.
 */
export const scopeIds = { academyId: Id.optional(), communeId: Id.optional(), circonscriptionId: Id.optional() };

/** Refuses a query naming more than one organisation; the issue sits on `academyId`, where forms show it. */
export function atMostOneScope(query: { academyId?: number; communeId?: number; circonscriptionId?: number }, ctx: z.RefinementCtx): void {
  if ([query.academyId, query.communeId, query.circonscriptionId].filter((id) => id !== undefined).length > 1) {
    ctx.addIssue({ code: 'custom', path: ['academyId'], message: 'Choose one of academyId, communeId or circonscriptionId' });
  }
}

/** Calendar date as `YYYY-MM-DD` (purchase dates, warranty ends). */
export const IsoDate = z.iso.date();

/** Optional text field: trimmed, empty becomes null so forms can clear a value. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((value) => (value ? value : null));

/** Query-string boolean: only `true`/`1` and `false`/`0` are accepted. */
export const QueryBoolean = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

export const PAGE_SIZE_DEFAULT = 50;
export const PAGE_SIZE_MAX = 500;

/** Offset pagination shared by every list endpoint. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
});

/** A page of results with the total matching the filters. */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** `field` or `-field` (descending), restricted to the given sortable fields. */
export const sortParam = <const F extends readonly [string, ...string[]]>(fields: F, fallback: F[number] | `-${F[number]}`) =>
  z
    .string()
    .default(fallback)
    .transform((raw, ctx) => {
      const descending = raw.startsWith('-');
      const field = descending ? raw.slice(1) : raw;
      if (!(fields as readonly string[]).includes(field)) {
        ctx.addIssue({ code: 'custom', message: `Sort by one of: ${fields.join(', ')} (prefix with - for descending)` });
        return z.NEVER;
      }
      return { field: field as F[number], direction: descending ? ('DESC' as const) : ('ASC' as const) };
    });

/** Body of every update: the version the client read, for optimistic concurrency. */
export const Versioned = z.object({ version: z.number().int().min(1) });
