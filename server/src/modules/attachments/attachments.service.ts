import type { DataSource, EntityManager } from 'typeorm';
import { ATTACHMENTS_PER_TICKET, type TicketAttachment } from '@preau/shared';
import { fieldError, notFound } from '../../http/app-error';
import type { Actor } from '../../http/actor';
import { engineOf } from '../../db/data-source';
import type { DomainEvents } from '../../events/domain-events';
import type { Principal } from '../auth/principal';
import { UserAccountEntity } from '../accounts/user-account.entity';
import { TicketEntity } from '../tickets/ticket.entity';
import { invalidTransition } from '../tickets/ticket-access';
import { recordEvent, ticketAudience } from '../tickets/ticket-store';
import { loadVisible } from '../tickets/tickets.service';
import { TicketAttachmentEntity } from './ticket-attachment.entity';
import { attachmentName } from './attachment-names';
import type { AttachmentFiles } from './attachment-files';
import { cleanPhoto } from './clean-photo';

export interface Upload {
  bytes: Buffer;
  /** The file name the browser sent; only shown, never used on disk. */
  name: string;
}

/** The stored image of an attachment, for download. */
export interface AttachmentFile {
  bytes: Buffer;
  mediaType: TicketAttachment['mediaType'];
  name: string;
}

/**
 * Photos of an incident: anyone who sees the ticket (the reporter, the director, support staff)
 * adds them and reads them; to everyone else the ticket and its photos do not exist (404).
 */
export class TicketAttachmentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly files: AttachmentFiles,
    private readonly events: DomainEvents,
  ) {}

  /** What `attach` checks on the ticket, run before the upload is read, so a refusal costs no upload. */
  async ensureCanAttach(principal: Principal, ticketId: number): Promise<void> {
    await this.checkRoom(this.dataSource.manager, principal, ticketId);
  }

  /**
   * Cleans the photo (415 for anything else), stores it and records it on the ticket's timeline.
   * The ticket is checked in the transaction, the file removed again if it refuses.
   */
  async attach(principal: Principal, ticketId: number, upload: Upload, actor: Actor): Promise<TicketAttachment> {
    const photo = await cleanPhoto(upload.bytes);
    const storageKey = await this.files.save(photo.bytes);
    let saved: { row: TicketAttachmentEntity; ticket: TicketEntity };
    try {
      saved = await this.dataSource.transaction(async (manager) => {
        const ticket = await this.checkRoom(manager, principal, ticketId);
        const row = await manager.getRepository(TicketAttachmentEntity).save({
          ticketId,
          uploaderUserId: principal.userId,
          originalName: attachmentName(upload.name, photo.mediaType),
          mediaType: photo.mediaType,
          byteSize: photo.bytes.length,
          width: photo.width,
          height: photo.height,
          storageKey,
        });
        await recordEvent(manager, ticketId, actor, { kind: 'attachment', body: row.originalName });
        return { row, ticket };
      });
    } catch (error) {
      await this.files.remove(storageKey);
      throw error;
    }
    const { row, ticket } = saved;
    this.events.publish({
      name: 'ticket:updated',
      payload: { ticketId, reference: ticket.reference ?? '', status: ticket.status, level: ticket.level, version: ticket.version },
      audience: await ticketAudience(this.dataSource.manager, ticket),
    });
    return toAttachment(row, principal.displayName);
  }

  async list(principal: Principal, ticketId: number): Promise<TicketAttachment[]> {
    const manager = this.dataSource.manager;
    await loadVisible(manager, principal, ticketId);
    const rows = await manager.getRepository(TicketAttachmentEntity).find({ where: { ticketId }, order: { id: 'ASC' } });
    const ids = [...new Set(rows.map((r) => r.uploaderUserId))];
    const users = ids.length === 0 ? [] : await manager.getRepository(UserAccountEntity).createQueryBuilder('u').select(['u.id', 'u.displayName']).whereInIds(ids).getMany();
    const names = new Map(users.map((u) => [u.id, u.displayName]));
    return rows.map((row) => toAttachment(row, names.get(row.uploaderUserId) ?? `#${row.uploaderUserId}`));
  }

  async open(principal: Principal, ticketId: number, attachmentId: number): Promise<AttachmentFile> {
    const manager = this.dataSource.manager;
    await loadVisible(manager, principal, ticketId);
    const row = await manager.getRepository(TicketAttachmentEntity).findOneBy({ id: attachmentId, ticketId });
    if (!row) throw notFound('Attachment', attachmentId);
    return { bytes: await this.files.read(row.storageKey), mediaType: row.mediaType, name: row.originalName };
  }

  /** The visible ticket (404), still open to additions and below its number of photos. */
  private async checkRoom(manager: EntityManager, principal: Principal, ticketId: number): Promise<TicketEntity> {
    // Two uploads at once on MariaDB: the ticket's row lock makes the second count the first.
    // SQLite runs transactions one at a time; outside one there is nothing to hold.
    if (manager.queryRunner?.isTransactionActive && engineOf(this.dataSource) === 'mysql') {
      await manager.getRepository(TicketEntity).createQueryBuilder('t').select('t.id').where('t.id = :ticketId', { ticketId }).setLock('pessimistic_write').getRawOne();
    }
    const { ticket } = await loadVisible(manager, principal, ticketId);
    if (ticket.status === 'closed') throw invalidTransition('The ticket is closed; open a new report');
    const count = await manager.getRepository(TicketAttachmentEntity).countBy({ ticketId });
    if (count >= ATTACHMENTS_PER_TICKET) throw fieldError(['file'], `A ticket holds at most ${ATTACHMENTS_PER_TICKET} photos`);
    return ticket;
  }
}

export function toAttachment(row: TicketAttachmentEntity, uploaderName: string): TicketAttachment {
  return {
    id: row.id,
    ticketId: row.ticketId,
    name: row.originalName,
    mediaType: row.mediaType,
    byteSize: row.byteSize,
    width: row.width,
    height: row.height,
    uploadedBy: { id: row.uploaderUserId, displayName: uploaderName },
    createdAt: row.createdAt.toISOString(),
    url: `/api/v1/tickets/${row.ticketId}/attachments/${row.id}`,
  };
}
