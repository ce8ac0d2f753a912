/** A notification as it goes out by e-mail: French text and a simple HTML twin. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Header-safe: a title typed with line breaks must not spill into other headers. */
const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

/** `[Préau] INC-2026-000123 — Nouveau signalement : Écran noir`. */
export function mailSubject(reference: string | null, title: string): string {
  return oneLine(`[Préau] ${reference ? `${reference} — ` : ''}${title}`);
}

const paragraphs = (text: string) => text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);

function render(subject: string, heading: string, body: string, link: { url: string; label: string } | null, footer: string): MailContent {
  const textParts = [heading, body, ...(link ? [`${link.label} : ${link.url}`] : []), `—\n${footer}`];
  const htmlBody = paragraphs(body)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const htmlLink = link ? `<p><a href="${escapeHtml(link.url)}">${escapeHtml(link.label)}</a></p>\n` : '';
  const html =
    '<!doctype html>\n<html lang="fr"><head><meta charset="utf-8"><title>' +
    `${escapeHtml(subject)}</title></head>\n<body style="font-family: sans-serif; line-height: 1.5">\n` +
    `<h1 style="font-size: 1.2em">${escapeHtml(heading)}</h1>\n${htmlBody}\n${htmlLink}` +
    `<p style="color: #666; font-size: 0.9em">${escapeHtml(footer).replace(/\n/g, '<br>')}</p>\n</body></html>\n`;
  return { subject, text: `${textParts.join('\n\n')}\n`, html };
}

/** The e-mail twin of an in-app notification; the link is left out when Préau's address is unknown. */
export function notificationMail(input: { reference: string | null; title: string; body: string; url: string | null }): MailContent {
  return render(
    mailSubject(input.reference, input.title),
    input.title,
    input.body,
    input.url ? { url: input.url, label: 'Ouvrir le signalement dans Préau' } : null,
    'Préau — signalements et parc informatique des écoles.\nVous recevez ce message parce que ce signalement vous concerne ; retrouvez vos notifications dans Préau.',
  );
}

/** For a party without an account: everything it needs is in the message, answers go to the sender. */
export function externalMail(input: { reference: string | null; title: string; body: string; sender: string }): MailContent {
  return render(
    mailSubject(input.reference, input.title),
    input.title,
    input.body,
    null,
    `Message envoyé par Préau pour ${input.sender}.\nRépondez à ce message pour joindre la personne qui vous l'a transmis, en rappelant la référence.`,
  );
}
