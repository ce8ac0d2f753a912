import { z } from 'zod';
import { EmailAddress } from './accounts';
import { Id, PageQuery, QueryBoolean, optionalText, pageOf } from './common';
import { ComposedNotice } from './composed-texts';
import { GroupKind } from './routing';

/** What a notification is about; the client may pick an icon from it. */
export const NotificationKind = z.enum([
  'ticket_created',
  /** A teacher's report waits for the director's approval. */
  'ticket_approval_requested',
  'ticket_approved',
  /** Equipment the city does not maintain: the reporter is told why. */
  'ticket_out_of_scope',
  /** The ticket moved to another group (escalation, sent back a level, re-routed). */
  'ticket_routed',
  'ticket_assigned',
  'ticket_status',
  'ticket_comment',
  /** An internal note, for support staff only. */
  'ticket_note',
  'ticket_resolved',
  'ticket_reopened',
  'ticket_closed',
  /** The service-target deadline is near. */
  'ticket_breach_warning',
  /** The service-target deadline has passed. */
  'ticket_breached',
]);
export type NotificationKind = z.infer<typeof NotificationKind>;

/**
 * One in-app notification of the signed-in user. Title and body are French text; `message` is the
 * same as a key and parameters (`renderNotice` gives it in the reader's language), null on
 * notifications written before it was kept.
 */
export const Notification = z.object({
  id: z.number().int(),
  kind: NotificationKind,
  ticketId: z.number().int().nullable(),
  title: z.string(),
  body: z.string(),
  message: ComposedNotice.nullable(),
  /** Path of the client page to open (`/incidents/123`), or null. */
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof Notification>;

/** `GET /me/notifications`: newest first; `unread=true` keeps only those not read yet. */
export const NotificationListQuery = PageQuery.extend({
  unread: QueryBoolean.optional(),
});
export type NotificationListQuery = z.output<typeof NotificationListQuery>;

/** A page of the user's notifications, with how many are unread in all (for the badge). */
export const NotificationPage = pageOf(Notification).extend({ unreadCount: z.number().int() });
export type NotificationPage = z.infer<typeof NotificationPage>;

/** External level-3 parties, reached by e-mail without an account. */
export const ExternalContactKind = GroupKind.extract(['supplier', 'software_editor', 'copier_contractor']);
export type ExternalContactKind = z.infer<typeof ExternalContactKind>;

/** Where the e-mail of an external party goes when a ticket reaches it (or nears its deadline). */
export const ExternalContact = z.object({
  id: z.number().int(),
  kind: ExternalContactKind,
  /** For a supplier: the name as written on the equipment; null matches any name of that kind. */
  name: z.string().nullable(),
  /** Suppliers and copier contractors are the commune's; software editors the académie's. */
  communeId: z.number().int().nullable(),
  academyId: z.number().int().nullable(),
  email: z.string(),
  createdAt: z.string(),
});
export type ExternalContact = z.infer<typeof ExternalContact>;

export const ExternalContactCreate = z
  .object({
    kind: ExternalContactKind,
    name: optionalText(150),
    communeId: z.number().int().positive().nullish().transform((value) => value ?? null),
    academyId: z.number().int().positive().nullish().transform((value) => value ?? null),
    email: EmailAddress,
  })
  .superRefine((value, ctx) => {
    const byAcademy = value.kind === 'software_editor';
    if (byAcademy && value.academyId === null) {
      ctx.addIssue({ code: 'custom', path: ['academyId'], message: "A software editor's contact belongs to an académie" });
    }
    if (!byAcademy && value.communeId === null) {
      ctx.addIssue({ code: 'custom', path: ['communeId'], message: `A ${value.kind} contact belongs to a commune` });
    }
    if (byAcademy && value.communeId !== null) ctx.addIssue({ code: 'custom', path: ['communeId'], message: 'Give the académie only' });
    if (!byAcademy && value.academyId !== null) ctx.addIssue({ code: 'custom', path: ['academyId'], message: 'Give the commune only' });
    if (value.kind === 'supplier' && value.name === null) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'Name the supplier as it is written on the equipment' });
    }
  });
export type ExternalContactCreate = z.input<typeof ExternalContactCreate>;

export const ExternalContactListQuery = PageQuery.extend({
  kind: ExternalContactKind.optional(),
  communeId: Id.optional(),
  academyId: Id.optional(),
});
export type ExternalContactListQuery = z.output<typeof ExternalContactListQuery>;
