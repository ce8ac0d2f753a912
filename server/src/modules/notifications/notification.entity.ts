import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { ComposedNotice, NotificationKind } from '@preau/shared';
import { DATETIME } from '../../db/base.entity';
import { UserAccountEntity } from '../accounts/user-account.entity';
import { TicketEntity } from '../tickets/ticket.entity';

/** An in-app notification of one user; only `readAt` ever changes, so no version. */
@Entity('notification')
@Index(['userId', 'id'])
@Index(['userId', 'readAt'])
export class NotificationEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'int' })
  userId!: number;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserAccountEntity;

  @Column({ type: 'int', nullable: true })
  ticketId!: number | null;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: TicketEntity;

  @Column({ type: 'varchar', length: 30 })
  kind!: NotificationKind;

  @Column({ type: 'varchar', length: 300 })
  title!: string;

  @Column({ type: 'text' })
  body!: string;

  /** Title and body as a key and parameters, for readers in English; null on rows written before it was kept. */
  @Column({ type: 'simple-json', nullable: true })
  message!: ComposedNotice | null;

  /** Client path (`/incidents/123`). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  link!: string | null;

  @Column({ ...DATETIME, nullable: true })
  readAt!: Date | null;

  @CreateDateColumn(DATETIME)
  createdAt!: Date;
}
