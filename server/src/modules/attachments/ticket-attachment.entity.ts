import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { AttachmentMediaType } from '@preau/shared';
import { DATETIME } from '../../db/base.entity';
import { UserAccountEntity } from '../accounts/user-account.entity';
import { TicketEntity } from '../tickets/ticket.entity';

/** A photo joined to a ticket; never edited, so no version. The bytes live in the data folder. */
@Entity('ticket_attachment')
@Index(['ticketId', 'id'])
@Index(['storageKey'], { unique: true })
export class TicketAttachmentEntity {
  @PrimaryGeneratedColumn({ type: 'int' })
  id!: number;

  @Column({ type: 'int' })
  ticketId!: number;

  @ManyToOne(() => TicketEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: TicketEntity;

  @Column({ type: 'int' })
  uploaderUserId!: number;

  @ManyToOne(() => UserAccountEntity)
  @JoinColumn({ name: 'uploader_user_id' })
  uploader?: UserAccountEntity;

  /** The uploaded file's name, cleaned, with the stored type's extension: shown and offered on download. */
  @Column({ type: 'varchar', length: 200 })
  originalName!: string;

  /** The stored (re-encoded) type, as read from the content. */
  @Column({ type: 'varchar', length: 20 })
  mediaType!: AttachmentMediaType;

  @Column({ type: 'int' })
  byteSize!: number;

  @Column({ type: 'int' })
  width!: number;

  @Column({ type: 'int' })
  height!: number;

  /** `<year>/<random hex>` under `DATA_DIR/attachments`; never derived from the user's file name. */
  @Column({ type: 'varchar', length: 100 })
  storageKey!: string;

  @CreateDateColumn(DATETIME)
  createdAt!: Date;
}
