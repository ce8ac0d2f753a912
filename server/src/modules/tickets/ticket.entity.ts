import { Column, Entity, Index } from 'typeorm';
import type { ApprovalStatus, GroupKind, Impact, Priority, SupportLevel, TicketCategory, TicketStatus, Urgency } from '@preau/shared';
import { BaseEntity, DATETIME } from '../../db/base.entity';

/** An incident report and where it stands in the support protocol. */
@Entity('ticket')
@Index(['reference'], { unique: true })
@Index(['reporterUserId', 'idempotencyKey'], { unique: true })
@Index(['status', 'level', 'groupKind', 'groupOrganisationId'])
// The report's instant next to the school: the dashboard finds each school's oldest open report by a lookup.
@Index(['schoolId', 'createdAt', 'status'])
@Index(['communeId', 'status'])
@Index(['equipmentId', 'status'])
@Index(['status', 'resolutionDueAt'])
// Open reports of a scope by school, level and age (fleet dashboard): found by status, counted from the index alone
// (approval too: a report the director holds at the school is not counted).
@Index(['status', 'communeId', 'schoolId', 'level', 'createdAt', 'circonscriptionId', 'approval'])
export class TicketEntity extends BaseEntity {
  /** `INC-<year>-<id>`, set right after the insert from the id. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  reference!: string | null;

  @Column({ type: 'int' })
  schoolId!: number;

  /** The school's commune and circonscription, kept on the ticket for scoped queries. */
  @Column({ type: 'int' })
  communeId!: number;

  @Column({ type: 'int' })
  circonscriptionId!: number;

  @Column({ type: 'int', nullable: true })
  equipmentId!: number | null;

  @Column({ type: 'varchar', length: 20 })
  category!: TicketCategory;

  @Column({ type: 'varchar', length: 150 })
  title!: string;

  @Column({ type: 'text' })
  description!: string;

  /** Title and description folded for text search (see ticket-search.ts); written with the ticket, read by no one. */
  @Column({ type: 'text', nullable: true, select: false })
  searchText!: string | null;

  @Column({ type: 'varchar', length: 20 })
  impact!: Impact;

  @Column({ type: 'varchar', length: 10 })
  urgency!: Urgency;

  @Column({ type: 'varchar', length: 2 })
  priority!: Priority;

  @Column({ type: 'varchar', length: 20 })
  status!: TicketStatus;

  @Column({ type: 'varchar', length: 20 })
  approval!: ApprovalStatus;

  @Column({ type: 'int' })
  level!: SupportLevel;

  @Column({ type: 'varchar', length: 30 })
  groupKind!: GroupKind;

  /** Circonscription, commune or académie of the holding group; null for external parties. */
  @Column({ type: 'int', nullable: true })
  groupOrganisationId!: number | null;

  @Column({ type: 'varchar', length: 150, nullable: true })
  groupExternalName!: string | null;

  @Column({ type: 'varchar', length: 200 })
  groupLabel!: string;

  @Column({ type: 'int', nullable: true })
  assigneeUserId!: number | null;

  @Column({ type: 'int' })
  reporterUserId!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  availability!: string | null;

  @Column({ type: 'varchar', length: 200 })
  routingRule!: string;

  @Column({ type: 'varchar', length: 1000 })
  routingReason!: string;

  @Column({ type: 'boolean', default: false })
  outOfScope!: boolean;

  /** A rule asked for the school's director to follow the ticket (a security report): they hear of every public step. */
  @Column({ type: 'boolean', default: false })
  directorInformed!: boolean;

  /** When the service-target clock started: the report, or the director's approval. */
  @Column({ ...DATETIME, nullable: true })
  clockStartedAt!: Date | null;

  /** Periods spent `waiting`, as JSON `[{ from, to }]` (ISO instants; `to` null while waiting). */
  @Column({ type: 'text', nullable: true })
  pauses!: string | null;

  @Column({ ...DATETIME, nullable: true })
  firstResponseDueAt!: Date | null;

  @Column({ ...DATETIME, nullable: true })
  resolutionDueAt!: Date | null;

  @Column({ ...DATETIME, nullable: true })
  firstRespondedAt!: Date | null;

  @Column({ ...DATETIME, nullable: true })
  resolvedAt!: Date | null;

  @Column({ ...DATETIME, nullable: true })
  closedAt!: Date | null;

  /**
   * The service-target sweep's marks, one pair per target: when it warned that the due date was
   * near, and when it recorded the breach. Each is sent once per due date; `clockChanges`
   * clears them all when the ticket's clock starts over (approval, reopening, another group).
   */
  @Column({ ...DATETIME, nullable: true })
  firstResponseWarnedAt!: Date | null;

  @Column({ ...DATETIME, nullable: true })
  firstResponseBreachedAt!: Date | null;

  /** The resolution target's warning mark (named before targets had their own marks). */
  @Column({ ...DATETIME, nullable: true })
  breachWarnedAt!: Date | null;

  /** The resolution target's breach mark; kept while the ticket waits, so a paused late ticket still reads as late. */
  @Column({ ...DATETIME, nullable: true })
  breachedAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  rating!: number | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  ratingComment!: string | null;

  /** The client's `Idempotency-Key`: a retried report returns the first ticket. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  idempotencyKey!: string | null;

  /** SHA-256 of the report filed under that key, so the key reused for another report is refused (null before it was kept). */
  @Column({ type: 'varchar', length: 64, nullable: true })
  idempotencyFingerprint!: string | null;
}
