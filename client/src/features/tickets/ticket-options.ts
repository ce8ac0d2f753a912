import type { Impact, Priority, SupportLevel, TICKET_TEXT_MAX as SHARED_TEXT_MAX, TicketCategory, TicketStatus, Urgency } from '@preau/shared';

// The report page is what a teacher opens on a phone from a label: it lists the choices from these
// records rather than from the zod enums, which would bring zod into its download. Each record is
// typed by the shared enum, so a value added there fails the type check here until it is placed.

const order = <T extends string>(ranks: Record<T, number>): T[] =>
  (Object.keys(ranks) as T[]).sort((a, b) => ranks[a] - ranks[b]);

/** The schemas' longest text (`TICKET_TEXT_MAX` in shared), without its module: the type holds the two equal. */
export const TICKET_TEXT_MAX: typeof SHARED_TEXT_MAX = 5000;

export const TICKET_STATUSES = order<TicketStatus>({ new: 1, assigned: 2, in_progress: 3, waiting: 4, resolved: 5, closed: 6 });
export const OPEN_STATUSES: readonly TicketStatus[] = ['new', 'assigned', 'in_progress', 'waiting'];

/** Every category, most common first. */
export const TICKET_CATEGORIES = order<TicketCategory>({
  hardware: 1,
  printing: 2,
  software: 3,
  network: 4,
  internet: 5,
  ent: 6,
  email: 7,
  account: 8,
  filtering: 9,
  security: 10,
  other: 11,
});

/** Services one reports without naming an item (a category alone). */
export const SERVICE_CATEGORIES: readonly TicketCategory[] = ['internet', 'network', 'ent', 'email', 'account', 'software', 'filtering', 'printing', 'security', 'other'];

export const IMPACTS = order<Impact>({ one_person: 1, one_class: 2, whole_school: 3 });
export const URGENCIES = order<Urgency>({ high: 1, low: 2 });
export const PRIORITIES = order<Priority>({ P1: 1, P2: 2, P3: 3, P4: 4 });
export const LEVELS: readonly SupportLevel[] = [1, 2, 3];

/** Photos the server takes; it turns HEIC/HEIF (iPhones) into JPEG. Extensions too: some systems give HEIC files no type. */
export const PHOTO_TYPES = 'image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif';

/** Whether a chosen file is a photo the server takes, by its type or, when the system gives none, its name. */
export function isAcceptedPhoto(file: File): boolean {
  const accepted = PHOTO_TYPES.split(',');
  return accepted.includes(file.type) || (file.type === '' && accepted.some((entry) => entry.startsWith('.') && file.name.toLowerCase().endsWith(entry)));
}
/** The server's default `ATTACHMENT_MAX_MB`; a larger file is refused there anyway. */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
