import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { SupportLevel, TicketEventKind } from '@preau/shared';
import { DATETIME } from '../../db/base.entity';
import { TicketEntity } from './ticket.entity';

/** Append-only timeline of a ticket. */
@Entity('ticket_event')
@Index(['ticketId', 'id'])
export class TicketEventEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'int' })
  ticketId!: number;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: TicketEntity;

  @Column({ type: 'varchar', length: 20 })
  kind!: TicketEventKind;

  @CreateDateColumn(DATETIME)
  at!: Date;

  @Column({ type: 'int', nullable: true })
  actorUserId!: number | null;

  @Column({ type: 'varchar', length: 150 })
  actorLabel!: string;

  @Column({ type: 'text', nullable: true })
  body!: string | null;

  @Column({ type: 'boolean', default: false })
  internal!: boolean;

  @Column({ type: 'varchar', length: 200, nullable: true })
  fromValue!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  toValue!: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  rule!: string | null;

  /** The support levels a move went from and to (routing, escalation): the labels say it for people. */
  @Column({ type: 'int', nullable: true })
  fromLevel!: SupportLevel | null;

  @Column({ type: 'int', nullable: true })
  toLevel!: SupportLevel | null;
}
