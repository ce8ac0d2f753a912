import type { QueryRunner } from 'typeorm';

/** A label's level, as the timeline wrote it until then: `Niveau 1 — Circonscription A (niveau 1)`. */
const levelOf = (column: string) => `CASE ${[1, 2, 3].map((level) => `WHEN ${column} LIKE '%(niveau ${level})' THEN ${level}`).join(' ')} END`;

/**
 * Migration TimelineLevels1796128389104 gives the timeline's moves between levels their levels as
 * numbers; the entries written before carry them in their labels only. Plain SQL that both
 * engines read alike. A label that does not end so (none is written otherwise) stays without.
 */
export async function backfillTimelineLevels(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(
    `UPDATE ticket_event SET from_level = ${levelOf('from_value')}, to_level = ${levelOf('to_value')} WHERE kind IN ('routed', 'escalated', 'deescalated')`,
  );
}
