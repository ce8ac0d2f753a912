import { normaliseSearchText } from '@preau/shared';

// Which communes a global rule's condition offers to tick. An académie has hundreds: past a
// few, the list is searched, and only the matches are offered, after the communes already chosen.

export interface NamedCommune {
  id: number;
  name: string;
}

/** Past this many communes the list is searched rather than shown whole. */
export const SEARCH_FROM = 12;
/** Matches offered at once: enough to scan, few enough to read. */
export const MATCHES_SHOWN = 30;

export interface CommuneChoice {
  /** Whether the list is long enough to be searched. */
  searchable: boolean;
  /** The chosen communes first (a search never hides, so never unticks, them), then the matches shown. */
  offered: NamedCommune[];
  /** Matches left out: the search should be narrowed. */
  more: number;
  /** A search that found nothing. */
  noMatch: boolean;
}

export function communeChoice(communes: readonly NamedCommune[], chosenIds: readonly number[], query: string): CommuneChoice {
  const searchable = communes.length > SEARCH_FROM;
  const wanted = normaliseSearchText(query.trim());
  const chosen = communes.filter((commune) => chosenIds.includes(commune.id));
  const matches = searchable && wanted === '' ? [] : communes.filter((commune) => !chosenIds.includes(commune.id) && normaliseSearchText(commune.name).includes(wanted));
  return {
    searchable,
    offered: [...chosen, ...matches.slice(0, MATCHES_SHOWN)],
    more: Math.max(0, matches.length - MATCHES_SHOWN),
    noMatch: searchable && wanted !== '' && matches.length === 0,
  };
}
