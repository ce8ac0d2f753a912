import type { SelectQueryBuilder } from 'typeorm';
import { normaliseSearchText } from '@preau/shared';
import { likePrefix } from '../equipment/search-terms';
import type { TicketEntity } from './ticket.entity';

/**
 * The title and description as text search reads them, folded once when the ticket is written:
 * SQLite's LIKE folds ASCII letters only, so "ecran" would miss "Écran" (MariaDB's collation
 * folds both; the column serves both engines alike).
 */
export function searchTextOf(ticket: { title: string; description: string }): string {
  return normaliseSearchText(`${ticket.title}\n${ticket.description}`);
}

/** A LIKE pattern for text containing `text`, its wildcards escaped with `\`. */
const containing = (text: string) => '%' + likePrefix(text);

/**
 * Tickets (alias `t`) whose title, description or reference contain `q`, whatever the case and
 * accents; `%` and `_` are plain characters. The escape character is bound: SQLite and MariaDB
 * read a backslash inside a string literal differently. A leading `%` uses no index either way.
 */
export function whereTextContains(qb: SelectQueryBuilder<TicketEntity>, q: string): void {
  const folded = normaliseSearchText(q);
  // A query of accents alone folds to nothing, which would match every ticket.
  const inText = folded ? 't.searchText LIKE :textPattern ESCAPE :likeEscape OR ' : '';
  qb.andWhere(`(${inText}t.reference LIKE :referencePattern ESCAPE :likeEscape)`, {
    textPattern: containing(folded),
    referencePattern: containing(q),
    likeEscape: '\\',
  });
}
