import type { QueryRunner } from 'typeorm';

const OPEN = `status IN ('new', 'assigned', 'in_progress', 'waiting')`;

/**
 * Migration ServiceTargetMarks1796145362354 gives the first response its own warning and breach
 * marks; until then one pair served both targets. A mark set while the first response was still
 * pending (and, for a breach, already late) was about it: it is copied to the new columns. On open
 * tickets it then no longer counts for the resolution, whose own warning and breach are still to
 * come unless its due date had passed too (or is unknown, while the ticket waits). Closed and
 * resolved tickets keep their marks as recorded. Plain SQL that both engines read alike.
 */
export async function splitServiceTargetMarks(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(
    `UPDATE ticket SET first_response_breached_at = breached_at
      WHERE breached_at IS NOT NULL AND first_response_due_at IS NOT NULL AND first_response_due_at <= breached_at
        AND (first_responded_at IS NULL OR first_responded_at > first_response_due_at)`,
  );
  await queryRunner.query(
    `UPDATE ticket SET first_response_warned_at = breach_warned_at
      WHERE breach_warned_at IS NOT NULL AND first_response_due_at IS NOT NULL
        AND (first_responded_at IS NULL OR first_responded_at > breach_warned_at)`,
  );
  await queryRunner.query(`UPDATE ticket SET breached_at = NULL WHERE ${OPEN} AND first_response_breached_at = breached_at AND resolution_due_at > breached_at`);
  await queryRunner.query(`UPDATE ticket SET breach_warned_at = NULL WHERE ${OPEN} AND first_response_warned_at = breach_warned_at AND breached_at IS NULL`);
}
