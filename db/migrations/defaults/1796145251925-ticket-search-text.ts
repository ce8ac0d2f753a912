import type { QueryRunner } from 'typeorm';

/** A frozen copy of `searchTextOf` (server/src/modules/tickets/ticket-search.ts) as it was then. */
const searchTextOf = (title: string, description: string) =>
  `${title}\n${description}`.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

const BATCH = 500;

/**
 * Migration TicketSearchText1796145251925 gives each ticket its folded title and description
 * for text search. Unicode folding is not in SQLite's SQL, so rows are read and written back by
 * batches of ids, one UPDATE per batch.
 */
export async function backfillTicketSearchText(queryRunner: QueryRunner): Promise<void> {
  for (let after = 0; ; ) {
    const rows: { id: number | string; title: string; description: string }[] = await queryRunner.query(
      `SELECT id, title, description FROM ticket WHERE id > ? ORDER BY id LIMIT ${BATCH}`,
      [after],
    );
    if (rows.length === 0) return;
    const cases = rows.map(() => 'WHEN ? THEN ?').join(' ');
    await queryRunner.query(`UPDATE ticket SET search_text = CASE id ${cases} END WHERE id IN (${rows.map(() => '?').join(', ')})`, [
      ...rows.flatMap((row) => [Number(row.id), searchTextOf(row.title, row.description)]),
      ...rows.map((row) => Number(row.id)),
    ]);
    after = Number(rows[rows.length - 1]!.id);
  }
}
