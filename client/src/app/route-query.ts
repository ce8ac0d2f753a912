import type { LocationQueryValue } from 'vue-router';

type RawQueryValue = LocationQueryValue | LocationQueryValue[] | undefined;

/** The text of a query parameter, trimmed; absent or empty gives undefined. */
export function queryText(raw: RawQueryValue): string | undefined {
  const value = Array.isArray(raw) ? raw[0] : raw;
  const text = value?.trim();
  return text ? text : undefined;
}

/** A positive whole number from the query; anything else (hand-edited URLs) gives undefined. */
export function queryPositiveInt(raw: RawQueryValue): number | undefined {
  const text = queryText(raw);
  if (!text || !/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 ? value : undefined;
}

/** A path inside this app to return to after signing in; anything else (another site, `//host`) gives undefined. */
export function localPath(raw: RawQueryValue): string | undefined {
  const text = queryText(raw);
  if (!text || !text.startsWith('/') || text.startsWith('//') || text.startsWith('/\\')) return undefined;
  return text;
}
