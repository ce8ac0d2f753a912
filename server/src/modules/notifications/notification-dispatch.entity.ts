import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { DATETIME } from '../../db/base.entity';
import { TicketEventEntity } from '../tickets/ticket-event.entity';

/**
 * A timeline entry the notifier has taken. Inserting the row is the claim: the primary key lets
 * only one server process notify an entry, and entries committed out of id order are still seen.
 */
@Entity('notification_dispatch')
export class NotificationDispatchEntity {
  @PrimaryColumn({ type: 'int' })
  ticketEventId!: number;

  @ManyToOne(() => TicketEventEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_event_id' })
  ticketEvent?: TicketEventEntity;

  @CreateDateColumn(DATETIME)
  dispatchedAt!: Date;
}
