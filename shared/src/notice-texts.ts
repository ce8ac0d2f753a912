import { INTL_LOCALE, SENTENCE_WORDS, type ComposedNotice, type SentenceWords, type TextLocale } from './composed-texts';
import type { TicketCategory } from './routing';
import { renderRoutingReason, type RoutingReason } from './routing-reasons';

type Titled = { ticketTitle: string };
/** Where the ticket is: its school, category and priority. */
type Summary = { school: string; category: TicketCategory; priority: string };
/** The group holding the ticket, as stored, and the ticket's level. */
type Held = { groupLabel: string; level: number };
/** Typed text, trimmed and clipped when the notice is made; null or '' for none. */
type Typed = string | null;
/** A routing reason as stored, with its composed form when the server wrote it. */
type Reason = { reason: Typed; reasonText: RoutingReason | null };

/** The notices of the app (and the e-mails that repeat them), by key, with their parameters. */
export interface NoticeParams {
  /** To the reporter: the city does not maintain the equipment. */
  reportOutOfScope: Titled & Reason;
  /** To the director: a teacher's report waits for approval. */
  approvalRequested: Titled & Summary & Held & { reporter: string; description: Typed };
  /** To the director: a security report went straight to the support. */
  securityReported: Titled & Summary & Held & { reporter: string; description: Typed };
  /** To the group: a new report. `reason` only when the equipment is out of scope. */
  reported: Titled & Summary & Held & Reason & { reporter: string; description: Typed; availability: Typed };
  approvedForReporter: Titled & Held;
  approvedForGroup: Titled & Summary & Held & { reporter: string; description: Typed };
  answeredForReporter: Titled & { actor: string; text: Typed };
  answeredForGroup: Titled & { actor: string; reporter: string; text: Typed };
  /** To the reporter (`yours`) or the director: the ticket changed group; `reason` only on an escalation. */
  moved: Titled & Held & Reason & { move: 'escalated' | 'deescalated' | 'regrouped'; yours: boolean };
  /** To the new group. `fromLevel`/`toLevel` null: the stored group text carried no level. */
  movedToGroup: Titled &
    Summary & { level: number; actor: string; fromGroup: string | null; fromLevel: number | null; toGroup: string; toLevel: number | null; note: Typed; noteIs: 'diagnosis' | 'reason'; description: Typed };
  assignedToYou: Titled & Summary & { actor: string; description: Typed };
  backInQueue: Titled & Held & { actor: string };
  takenOn: Titled & { assignee: string | null; groupLabel: string; yours: boolean };
  waitingForReporter: Titled & { note: Typed };
  inProgressForReporter: Titled & { actor: string; note: Typed };
  /** `from`/`to`: status codes (or whatever the timeline held). */
  statusChanged: Titled & { actor: string; from: string | null; to: string | null; waiting: boolean; note: Typed };
  comment: Titled & { actor: string; text: Typed };
  note: Titled & { actor: string; text: Typed };
  attachment: Titled & { actor: string; text: Typed };
  resolved: Titled & { actor: string; text: Typed; yours: boolean };
  reopened: Titled & { actor: string; text: Typed; yours: boolean };
  /** `rating` as stored (`4/5`). */
  closed: Titled & { actor: string; rating: string | null; text: Typed; yours: boolean };
  autoClosed: Titled;
  /** A service-target deadline near (`warning`) or passed (`breach`); `due` is an ISO instant, shown in `timeZone`. */
  deadline: Titled & Summary & Held & { stage: 'warning' | 'breach'; target: 'first_response' | 'resolution'; due: string | null; timeZone: string; assignee: string | null };
}

export type Notice = { [K in keyof NoticeParams]: { key: K; params: NoticeParams[K] } }[keyof NoticeParams];

export interface NoticeText {
  title: string;
  body: string;
}

type Texts = { [K in keyof NoticeParams]: (p: NoticeParams[K], w: SentenceWords) => NoticeText };

const group = (p: Held, w: SentenceWords) => w.groupAt(p.groupLabel, p.level);
const reasonIn = (p: Reason, w: SentenceWords) => (p.reasonText && renderRoutingReason(p.reasonText, w.locale)) || p.reason;
const dueIn = (p: NoticeParams['deadline'], locale: TextLocale) =>
  p.due ? new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'full', timeStyle: 'short', timeZone: p.timeZone }).format(new Date(p.due)) : null;

const FR: Texts = {
  reportOutOfScope: (p, w) => ({ title: w.about('Matériel non entretenu par la ville', p.ticketTitle), body: reasonIn(p, w) ?? '' }),
  approvalRequested: (p, w) => ({
    title: w.about('Signalement à approuver', p.ticketTitle),
    body: w.join(`${p.reporter} a signalé un incident (${w.summary(p)}). Il sera confié à ${group(p, w)} dès votre accord.`, w.quote(p.description)),
  }),
  securityReported: (p, w) => ({
    title: w.about('Incident de sécurité signalé', p.ticketTitle),
    body: w.join(`${p.reporter} a signalé un incident de sécurité (${w.summary(p)}). Il est confié directement à ${group(p, w)}.`, w.quote(p.description)),
  }),
  reported: (p, w) => ({
    title: w.about('Nouveau signalement', p.ticketTitle),
    body: w.join(
      `${p.reporter} signale un incident (${w.summary(p)}), confié à ${group(p, w)}.`,
      w.quote(p.description),
      p.availability && `Disponibilités : ${p.availability}`,
      reasonIn(p, w),
    ),
  }),
  approvedForReporter: (p, w) => ({
    title: w.about('Votre signalement est approuvé', p.ticketTitle),
    body: `La direction a approuvé votre signalement ; il est confié à ${group(p, w)}.`,
  }),
  approvedForGroup: (p, w) => ({
    title: w.about('Signalement approuvé', p.ticketTitle),
    body: w.join(`La direction a approuvé ce signalement de ${p.reporter} (${w.summary(p)}) ; il est confié à ${group(p, w)}.`, w.quote(p.description)),
  }),
  answeredForReporter: (p, w) => ({
    title: w.about('La direction a répondu à votre signalement', p.ticketTitle),
    body: w.join(`${p.actor} : ${w.quote(p.text)}`, 'Si le problème persiste, rouvrez le signalement dans Préau ; sinon, vous pouvez le clore.'),
  }),
  answeredForGroup: (p, w) => ({ title: w.about('Signalement traité par la direction', p.ticketTitle), body: `${p.actor} a répondu à ${p.reporter} : ${w.quote(p.text)}` }),
  moved: (p, w) => {
    const move = p.move === 'escalated' ? `passe au niveau ${p.level}` : p.move === 'deescalated' ? `revient au niveau ${p.level}` : 'change de groupe';
    return {
      title: w.about(p.yours ? `Votre signalement ${move}` : `Le signalement ${move}`, p.ticketTitle),
      body: w.join(`Il est maintenant confié à ${group(p, w)}.`, reasonIn(p, w)),
    };
  },
  movedToGroup: (p, w) => ({
    title: w.about(`Incident transmis à votre groupe (niveau ${p.level})`, p.ticketTitle),
    body: w.join(
      `${p.actor} a transmis ce signalement (${w.summary(p)}) : ${p.fromGroup === null ? '?' : w.groupAt(p.fromGroup, p.fromLevel)} → ${w.groupAt(p.toGroup, p.toLevel)}.`,
      p.note && `${p.noteIs === 'diagnosis' ? 'Diagnostic' : 'Motif'} : ${w.quote(p.note)}`,
      w.quote(p.description) && `Signalement : ${w.quote(p.description)}`,
    ),
  }),
  assignedToYou: (p, w) => ({
    title: w.about('Incident attribué', p.ticketTitle),
    body: w.join(`${p.actor} vous a attribué ce signalement (${w.summary(p)}).`, w.quote(p.description)),
  }),
  backInQueue: (p, w) => ({ title: w.about('Incident remis dans la file du groupe', p.ticketTitle), body: `${p.actor} a remis ce signalement dans la file de ${group(p, w)}.` }),
  takenOn: (p, w) => ({
    title: w.about(p.yours ? 'Votre signalement est pris en charge' : 'Incident pris en charge', p.ticketTitle),
    body: `${p.assignee ?? 'un membre du support'} (${p.groupLabel}) s'en occupe.`,
  }),
  waitingForReporter: (p, w) => ({
    title: w.about('Votre signalement est en attente', p.ticketTitle),
    body: w.join('Le traitement attend une information ou un tiers.', w.quote(p.note), 'Répondez dans Préau si une information vous est demandée.'),
  }),
  inProgressForReporter: (p, w) => ({ title: w.about('Votre signalement est en cours de traitement', p.ticketTitle), body: w.join(`${p.actor} y travaille.`, w.quote(p.note)) }),
  statusChanged: (p, w) => ({
    title: w.about(p.waiting ? 'Incident en attente' : 'Incident en cours', p.ticketTitle),
    body: w.join(`${p.actor} : ${w.status(p.from ?? '?')} → ${w.status(p.to ?? '?')}.`, w.quote(p.note)),
  }),
  comment: (p, w) => ({ title: w.about('Nouveau message', p.ticketTitle), body: `${p.actor} : ${w.quote(p.text)}` }),
  note: (p, w) => ({ title: w.about('Note interne', p.ticketTitle), body: `${p.actor} : ${w.quote(p.text)}` }),
  attachment: (p, w) => ({ title: w.about('Pièce jointe ajoutée', p.ticketTitle), body: w.join(`${p.actor} a joint un fichier au signalement.`, w.quote(p.text)) }),
  resolved: (p, w) =>
    p.yours
      ? {
          title: w.about('Votre signalement est résolu', p.ticketTitle),
          body: w.join(`${p.actor} : ${w.quote(p.text)}`, 'Si le problème persiste, rouvrez le signalement dans Préau ; sinon, vous pouvez le clore et noter le service.'),
        }
      : { title: w.about('Incident résolu', p.ticketTitle), body: `${p.actor} : ${w.quote(p.text)}` },
  reopened: (p, w) => ({ title: w.about(p.yours ? 'Votre signalement est rouvert' : 'Signalement rouvert', p.ticketTitle), body: `${p.actor} l'a rouvert : ${w.quote(p.text)}` }),
  closed: (p, w) => ({
    title: w.about(p.yours ? 'Votre signalement est clos' : 'Signalement clos', p.ticketTitle),
    body: w.join(`${p.actor} l'a clos.`, p.rating && `Note du service : ${p.rating}.`, w.quote(p.text)),
  }),
  autoClosed: (p, w) => ({
    title: w.about('Votre signalement est clos', p.ticketTitle),
    body:
      'Il avait été résolu et, sans nouvelle de votre part, il est clos automatiquement. ' +
      'Vous pouvez noter le service rendu depuis la page du signalement ; si le problème revient, faites un nouveau signalement.',
  }),
  deadline: (p, w) => {
    const what = p.target === 'first_response' ? 'de première réponse' : 'de résolution';
    const when = dueIn(p, 'fr');
    const holder = `Il est confié à ${group(p, w)}${p.assignee ? `, attribué à ${p.assignee}` : ', sans personne attribuée'}.`;
    return p.stage === 'warning'
      ? { title: w.about('Échéance proche', p.ticketTitle), body: `L'échéance ${what} de ce signalement (${w.summary(p)}) approche${when ? ` : ${when}` : ''}. ${holder}` }
      : { title: w.about('Délai dépassé', p.ticketTitle), body: `L'échéance ${what} de ce signalement (${w.summary(p)}) est dépassée${when ? ` depuis le ${when}` : ''}. ${holder}` };
  },
};

const EN: Texts = {
  reportOutOfScope: (p, w) => ({ title: w.about('Equipment the town does not maintain', p.ticketTitle), body: reasonIn(p, w) ?? '' }),
  approvalRequested: (p, w) => ({
    title: w.about('Report awaiting your approval', p.ticketTitle),
    body: w.join(`${p.reporter} reported an incident (${w.summary(p)}). It will go to ${group(p, w)} once you approve it.`, w.quote(p.description)),
  }),
  securityReported: (p, w) => ({
    title: w.about('Security incident reported', p.ticketTitle),
    body: w.join(`${p.reporter} reported a security incident (${w.summary(p)}). It goes straight to ${group(p, w)}.`, w.quote(p.description)),
  }),
  reported: (p, w) => ({
    title: w.about('New report', p.ticketTitle),
    body: w.join(
      `${p.reporter} reports an incident (${w.summary(p)}), handed to ${group(p, w)}.`,
      w.quote(p.description),
      p.availability && `Availability: ${p.availability}`,
      reasonIn(p, w),
    ),
  }),
  approvedForReporter: (p, w) => ({ title: w.about('Your report is approved', p.ticketTitle), body: `The head teacher approved your report; it is now with ${group(p, w)}.` }),
  approvedForGroup: (p, w) => ({
    title: w.about('Report approved', p.ticketTitle),
    body: w.join(`The head teacher approved this report from ${p.reporter} (${w.summary(p)}); it is now with ${group(p, w)}.`, w.quote(p.description)),
  }),
  answeredForReporter: (p, w) => ({
    title: w.about('The head teacher answered your report', p.ticketTitle),
    body: w.join(`${p.actor}: ${w.quote(p.text)}`, 'If the problem persists, reopen the report in Préau; otherwise, you can close it.'),
  }),
  answeredForGroup: (p, w) => ({ title: w.about('Report handled by the head teacher', p.ticketTitle), body: `${p.actor} answered ${p.reporter}: ${w.quote(p.text)}` }),
  moved: (p, w) => {
    const move = p.move === 'escalated' ? `moves up to level ${p.level}` : p.move === 'deescalated' ? `goes back to level ${p.level}` : 'moves to another group';
    return {
      title: w.about(p.yours ? `Your report ${move}` : `The report ${move}`, p.ticketTitle),
      body: w.join(`It is now with ${group(p, w)}.`, reasonIn(p, w)),
    };
  },
  movedToGroup: (p, w) => ({
    title: w.about(`Incident passed to your group (level ${p.level})`, p.ticketTitle),
    body: w.join(
      `${p.actor} passed this report on (${w.summary(p)}): ${p.fromGroup === null ? '?' : w.groupAt(p.fromGroup, p.fromLevel)} → ${w.groupAt(p.toGroup, p.toLevel)}.`,
      p.note && `${p.noteIs === 'diagnosis' ? 'Diagnosis' : 'Reason'}: ${w.quote(p.note)}`,
      w.quote(p.description) && `Report: ${w.quote(p.description)}`,
    ),
  }),
  assignedToYou: (p, w) => ({
    title: w.about('Incident assigned to you', p.ticketTitle),
    body: w.join(`${p.actor} assigned this report to you (${w.summary(p)}).`, w.quote(p.description)),
  }),
  backInQueue: (p, w) => ({ title: w.about("Incident back in the group's queue", p.ticketTitle), body: `${p.actor} put this report back in the queue of ${group(p, w)}.` }),
  takenOn: (p, w) => ({
    title: w.about(p.yours ? 'Your report is being handled' : 'Incident taken on', p.ticketTitle),
    body: `${p.assignee ?? 'A member of the support team'} (${p.groupLabel}) is handling it.`,
  }),
  waitingForReporter: (p, w) => ({
    title: w.about('Your report is on hold', p.ticketTitle),
    body: w.join('The work is waiting for some information or for a third party.', w.quote(p.note), 'Reply in Préau if you are asked for information.'),
  }),
  inProgressForReporter: (p, w) => ({ title: w.about('Your report is being worked on', p.ticketTitle), body: w.join(`${p.actor} is working on it.`, w.quote(p.note)) }),
  statusChanged: (p, w) => ({
    title: w.about(p.waiting ? 'Incident on hold' : 'Incident in progress', p.ticketTitle),
    body: w.join(`${p.actor}: ${w.status(p.from ?? '?')} → ${w.status(p.to ?? '?')}.`, w.quote(p.note)),
  }),
  comment: (p, w) => ({ title: w.about('New message', p.ticketTitle), body: `${p.actor}: ${w.quote(p.text)}` }),
  note: (p, w) => ({ title: w.about('Internal note', p.ticketTitle), body: `${p.actor}: ${w.quote(p.text)}` }),
  attachment: (p, w) => ({ title: w.about('Attachment added', p.ticketTitle), body: w.join(`${p.actor} attached a file to the report.`, w.quote(p.text)) }),
  resolved: (p, w) =>
    p.yours
      ? {
          title: w.about('Your report is resolved', p.ticketTitle),
          body: w.join(`${p.actor}: ${w.quote(p.text)}`, 'If the problem persists, reopen the report in Préau; otherwise, you can close it and rate the service.'),
        }
      : { title: w.about('Incident resolved', p.ticketTitle), body: `${p.actor}: ${w.quote(p.text)}` },
  reopened: (p, w) => ({ title: w.about(p.yours ? 'Your report was reopened' : 'Report reopened', p.ticketTitle), body: `${p.actor} reopened it: ${w.quote(p.text)}` }),
  closed: (p, w) => ({
    title: w.about(p.yours ? 'Your report is closed' : 'Report closed', p.ticketTitle),
    body: w.join(`${p.actor} closed it.`, p.rating && `Service rating: ${p.rating}.`, w.quote(p.text)),
  }),
  autoClosed: (p, w) => ({
    title: w.about('Your report is closed', p.ticketTitle),
    body:
      'It had been resolved and, as we heard nothing more from you, it has now closed automatically. ' +
      "You can rate the service from the report's page; if the problem comes back, please make a new report.",
  }),
  deadline: (p, w) => {
    const what = p.target === 'first_response' ? 'first response' : 'resolution';
    const when = dueIn(p, 'en');
    const holder = `It is with ${group(p, w)}${p.assignee ? `, assigned to ${p.assignee}` : ', with nobody assigned'}.`;
    return p.stage === 'warning'
      ? { title: w.about('Deadline approaching', p.ticketTitle), body: `The ${what} deadline for this report (${w.summary(p)}) is approaching${when ? `: ${when}` : ''}. ${holder}` }
      : { title: w.about('Deadline missed', p.ticketTitle), body: `The ${what} deadline for this report (${w.summary(p)}) has passed${when ? ` (it was ${when})` : ''}. ${holder}` };
  },
};

const TEXTS: Readonly<Record<TextLocale, Texts>> = { fr: FR, en: EN };

/** Every notice key, in no particular order. */
export const NOTICE_KEYS = Object.keys(FR) as Notice['key'][];

const isNoticeKey = (key: string): key is Notice['key'] => Object.hasOwn(FR, key);

/**
 * A notice's title and body in `locale`. Null for a key this version does not know, or
 * parameters it cannot read: show the stored French title and body then.
 */
export function renderNotice(notice: ComposedNotice | Notice, locale: TextLocale): NoticeText | null {
  if (!isNoticeKey(notice.key)) return null;
  const render = TEXTS[locale][notice.key] as (p: unknown, w: SentenceWords) => NoticeText;
  try {
    return render(notice.params, SENTENCE_WORDS[locale]);
  } catch {
    return null;
  }
}

