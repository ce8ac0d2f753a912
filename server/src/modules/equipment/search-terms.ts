import { normaliseSearchText } from '@preau/shared';

/** The fields of an item that free-text search looks into. */
export interface SearchableFields {
  assetTag: string;
  serial: string | null;
  model: string | null;
  hostname: string | null;
}

const MAX_TERM_LENGTH = 100;

/**
 * The words a search can match by prefix: each whole value (so "SD-2024-0012" is found by
 * typing it whole) and each alphanumeric run inside it (so "0012" and "latitude" are found too).
 */
export function searchTermsFor(item: SearchableFields): string[] {
  const terms = new Set<string>();
  for (const value of [item.assetTag, item.serial, item.model, item.hostname]) {
    if (!value) continue;
    const text = normaliseSearchText(value).trim();
    terms.add(text.slice(0, MAX_TERM_LENGTH));
    for (const word of text.split(/[^\p{L}\p{N}]+/u)) {
      if (word) terms.add(word.slice(0, MAX_TERM_LENGTH));
    }
  }
  terms.delete('');
  return [...terms];
}

/** Words of a query; an item matches when every word prefixes one of its terms. */
export function queryWords(query: string): string[] {
  const text = normaliseSearchText(query).trim();
  if (!text) return [];
  const words = text.split(/\s+/).filter(Boolean);
  return [...new Set(words)].slice(0, 5).map((word) => word.slice(0, MAX_TERM_LENGTH));
}

/** The smallest string above every string that starts with `prefix` (in binary order). */
export function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/** `prefix` as a LIKE pattern, its wildcards escaped with `\`. */
export function likePrefix(prefix: string): string {
  return prefix.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
}
