import { REPORTING_TIME_ZONE, type DigestItem, type DigestScope, type DigestTicket, type WeeklyDigest } from '@preau/shared';
import { escapeHtml, mailSubject, type MailContent } from '../notifications/mail-templates';
import { STATUS_FR } from '../notifications/ticket-messages';
import { KIND_LABEL_FR, STATUS_LABEL_FR } from '../labels/equipment-words-fr';

/** True when the digest has nothing to tell: no mail is sent then. */
export const isEmptyDigest = (d: WeeklyDigest): boolean =>
  d.newIncidents.total + d.overdueIncidents.total + d.outOfService.total + d.warrantiesEnding.total === 0;

const longDate = new Intl.DateTimeFormat('fr-FR', { timeZone: REPORTING_TIME_ZONE, day: 'numeric', month: 'long', year: 'numeric' });
/** `2027-01-15` (a calendar date, no zone) → `15 janvier 2027`. */
const calendarDate = (isoDate: string) => longDate.format(new Date(`${isoDate}T12:00:00Z`));
const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

const SCOPE_WORD: Record<DigestScope['kind'], string> = {
  global: 'tout le parc',
  academy: 'académie',
  circonscription: 'circonscription',
  commune: 'commune',
  school: 'école',
};

/** One line of a section: its text, and the page of Préau it links to (when Préau's address is known). */
interface Line {
  text: string;
  url: string | null;
}

interface Section {
  heading: string;
  none: string;
  total: number;
  lines: Line[];
}

const place = (item: DigestItem) => [item.schoolName ?? 'stock de la commune', item.roomName].filter(Boolean).join(', ');

/**
 * The weekly digest as an e-mail, in French: a text part and its HTML twin, each section with
 * its total, its first entries and a link to each in Préau (left out when PUBLIC_URL is unset).
 */
export function weeklyDigestMail(input: { recipientName: string; digest: WeeklyDigest; publicUrl: string | null }): MailContent {
  const { digest: d, publicUrl } = input;
  const link = (path: string) => (publicUrl ? `${publicUrl}${path}` : null);
  const ticketLine = (t: DigestTicket, detail: string): Line => ({
    text: `${t.reference ?? `Signalement ${t.id}`} — ${t.title} (${t.schoolName}, niveau ${t.level}, ${STATUS_FR[t.status]}${detail})`,
    url: link(`/incidents/${t.id}`),
  });
  const itemLine = (item: DigestItem, detail: string): Line => ({
    text: `${item.assetTag} — ${KIND_LABEL_FR[item.kind]}${detail} (${place(item)})`,
    url: link(`/materiel/${item.id}`),
  });
  const sections: Section[] = [
    {
      heading: 'Nouveaux signalements de la semaine',
      none: 'Aucun nouveau signalement cette semaine.',
      total: d.newIncidents.total,
      lines: d.newIncidents.items.map((t) => ticketLine(t, '')),
    },
    {
      heading: 'Signalements en retard',
      none: 'Aucun signalement en retard.',
      total: d.overdueIncidents.total,
      lines: d.overdueIncidents.items.map((t) =>
        ticketLine(t, t.resolutionDueAt ? `, résolution attendue le ${longDate.format(new Date(t.resolutionDueAt))}` : ', délai dépassé'),
      ),
    },
    {
      heading: 'Matériel hors service',
      none: 'Aucun matériel en panne ou en réparation.',
      total: d.outOfService.total,
      lines: d.outOfService.items.map((item) => itemLine(item, `, ${STATUS_LABEL_FR[item.status]}`)),
    },
    {
      heading: 'Garanties qui se terminent dans les 90 jours',
      none: 'Aucune garantie ne se termine dans les 90 jours.',
      total: d.warrantiesEnding.total,
      lines: d.warrantiesEnding.items.map((item) => itemLine(item, `, garantie jusqu’au ${calendarDate(item.warrantyEndsOn!)}`)),
    },
  ];

  const title = `Synthèse de la semaine : ${plural(d.newIncidents.total, 'nouveau signalement', 'nouveaux signalements')}, ${plural(d.overdueIncidents.total, 'en retard', 'en retard')}`;
  const period = `du ${longDate.format(new Date(d.periodStart))} au ${longDate.format(new Date(d.periodEnd))}`;
  const scopes = d.scopes.map((s) => (s.kind === 'global' ? SCOPE_WORD.global : `${s.name} (${SCOPE_WORD[s.kind]})`)).join(', ');
  const intro = `Bonjour ${input.recipientName},\n\nVoici la synthèse de la semaine ${period} pour : ${scopes}.`;
  const more = (s: Section) => (s.total > s.lines.length ? `… et ${plural(s.total - s.lines.length, 'autre', 'autres')} dans Préau.` : null);
  const footer =
    'Préau — signalements et parc informatique des écoles.\nVous recevez cette synthèse chaque lundi en tant que référent numérique (ERUN) ou responsable de commune.';

  const text = [
    intro,
    ...sections.map((s) =>
      [`${s.heading} : ${s.total}`, ...(s.total === 0 ? [s.none] : s.lines.map((l) => `- ${l.text}${l.url ? `\n  ${l.url}` : ''}`)), more(s)]
        .filter(Boolean)
        .join('\n'),
    ),
    ...(publicUrl ? [`Ouvrir Préau : ${publicUrl}`] : []),
    `—\n${footer}`,
  ].join('\n\n');

  const htmlLine = (l: Line) => `<li>${l.url ? `<a href="${escapeHtml(l.url)}">${escapeHtml(l.text)}</a>` : escapeHtml(l.text)}</li>`;
  const htmlSection = (s: Section) => {
    const body = s.total === 0 ? `<p>${escapeHtml(s.none)}</p>` : `<ul>\n${s.lines.map(htmlLine).join('\n')}\n</ul>`;
    const tail = more(s) ? `\n<p>${escapeHtml(more(s)!)}</p>` : '';
    return `<h2 style="font-size: 1.05em">${escapeHtml(s.heading)} : ${s.total}</h2>\n${body}${tail}`;
  };
  const subject = mailSubject(null, title);
  const html =
    '<!doctype html>\n<html lang="fr"><head><meta charset="utf-8"><title>' +
    `${escapeHtml(subject)}</title></head>\n<body style="font-family: sans-serif; line-height: 1.5">\n` +
    `<h1 style="font-size: 1.2em">${escapeHtml(title)}</h1>\n` +
    intro
      .split('\n\n')
      .map((p) => `<p>${escapeHtml(p)}</p>`)
      .join('\n') +
    `\n${sections.map(htmlSection).join('\n')}\n` +
    (publicUrl ? `<p><a href="${escapeHtml(publicUrl)}">Ouvrir Préau</a></p>\n` : '') +
    `<p style="color: #666; font-size: 0.9em">${escapeHtml(footer).replace(/\n/g, '<br>')}</p>\n</body></html>\n`;
  return { subject, text: `${text}\n`, html };
}
