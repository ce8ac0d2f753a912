import { z } from 'zod';

/**
 * What a stored attachment is. Uploads are re-encoded: JPEG, PNG and WebP keep their type,
 * HEIC/HEIF photos (iPhones) become JPEG.
 */
export const AttachmentMediaType = z.enum(['image/jpeg', 'image/png', 'image/webp']);
export type AttachmentMediaType = z.infer<typeof AttachmentMediaType>;

/** Photos a ticket holds at most. */
export const ATTACHMENTS_PER_TICKET = 10;

/** Longest side of a stored image, in pixels: larger photos are scaled down. */
export const ATTACHMENT_MAX_DIMENSION = 4096;

/** A photo joined to a ticket, seen by everyone who sees the ticket. */
export const TicketAttachment = z.object({
  id: z.number().int(),
  ticketId: z.number().int(),
  /** The uploaded file's name, cleaned, with the extension of the stored type. */
  name: z.string(),
  mediaType: AttachmentMediaType,
  byteSize: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  uploadedBy: z.object({ id: z.number().int(), displayName: z.string() }),
  createdAt: z.string(),
  /** Path of the image (`/api/v1/tickets/…`), served to the people who see the ticket. */
  url: z.string(),
});
export type TicketAttachment = z.infer<typeof TicketAttachment>;
