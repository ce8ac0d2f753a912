import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../db/base.entity';

/** Append-only: rows are inserted, never updated or deleted by the application. */
@Entity('audit_entry')
@Index(['at'])
@Index(['action', 'actorLabel', 'at'])
@Index(['action', 'ip', 'at'])
@Index(['communeId', 'at'])
@Index(['targetType', 'targetId'])
export class AuditEntryEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @CreateDateColumn(DATETIME)
  at!: Date;

  @Column({ type: 'int', nullable: true })
  actorUserId!: number | null;

  /** Username of the actor, or the name typed in a failed login. */
  @Column({ type: 'varchar', length: 254 })
  actorLabel!: string;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip!: string | null;

  @Column({ type: 'varchar', length: 60 })
  action!: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  targetType!: string | null;

  @Column({ type: 'int', nullable: true })
  targetId!: number | null;

  /** The commune concerned, so city managers read their part of the log. */
  @Column({ type: 'int', nullable: true })
  communeId!: number | null;

  @Column({ type: 'text', nullable: true })
  details!: string | null;
}
