import { CreateDateColumn, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { DATETIME } from '../../db/base.entity';
import { UserAccountEntity } from '../accounts/user-account.entity';
import { TicketEntity } from './ticket.entity';

/**
 * Someone of the school who follows a report filed by another, instead of filing the same
 * incident again: they read it and hear of its public steps as the reporter does.
 */
@Entity('ticket_follower')
@Index(['ticketId', 'userId'], { unique: true })
@Index(['userId'])
export class TicketFollowerEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'int' })
  ticketId!: number;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: TicketEntity;

  @Column({ type: 'int' })
  userId!: number;

  @ManyToOne(() => UserAccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: UserAccountEntity;

  @CreateDateColumn(DATETIME)
  createdAt!: Date;
}
