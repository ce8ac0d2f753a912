import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { DATETIME } from '../../db/base.entity';

/** Who runs a scheduled job right now, so it runs once across server processes sharing the database. */
@Entity('job_lock')
export class JobLockEntity {
  /** The job's id. */
  @PrimaryColumn({ type: 'varchar', length: 100 })
  name!: string;

  /** The holder's lease ends then; a crashed holder's lock is taken over once it has passed. */
  @Column(DATETIME)
  lockedUntil!: Date;

  /** The last scheduled tick (cron slot) a run claimed: each tick runs once, whichever process fires first. */
  @Column({ ...DATETIME, nullable: true })
  lastTick!: Date | null;

  /** Host, process id and a random part of the current holder; null once released. */
  @Column({ type: 'varchar', length: 150, nullable: true })
  lockedBy!: string | null;

  @UpdateDateColumn(DATETIME)
  updatedAt!: Date;
}
