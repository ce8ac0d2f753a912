import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/** A commune's ticketing settings; a commune without a row uses the defaults. */
@Entity('commune_ticket_settings')
export class CommuneTicketSettingsEntity {
  @PrimaryColumn({ type: 'int' })
  communeId!: number;

  /** A teacher's report waits for the director's approval before it leaves the school. */
  @Column({ type: 'boolean', default: false })
  requireDirectorApproval!: boolean;

  /** `WorkingCalendar` as JSON; null: the default calendar. */
  @Column({ type: 'text', nullable: true })
  calendar!: string | null;

  /** `ServiceTargets` as JSON; null: the default targets. */
  @Column({ type: 'text', nullable: true })
  targets!: string | null;

  /** Days after resolution during which the reporter may reopen. */
  @Column({ type: 'int', default: 7 })
  reopenDays!: number;

  /** Days after resolution when the ticket closes itself. */
  @Column({ type: 'int', default: 5 })
  autoCloseDays!: number;

  /** Bumped at each save, so two people editing the settings at once cannot overwrite each other unseen. */
  @VersionColumn()
  version!: number;
}
