import { NOTICE_KEYS, renderNotice, type Notice } from '@preau/shared';
import type { TicketEntity } from '../../server/src/modules/tickets/ticket.entity';
import { autoClosedMessage, breachMessage, messageFor } from '../../server/src/modules/notifications/ticket-messages';
import { frenchCases } from './french-wording.cases';

/** Every notice the cases of the French wording test make, by case name. */
function notices(): Map<string, Notice> {
  const found = new Map<string, Notice>();
  const cases = frenchCases(
    (entry, audience, ctx) => messageFor(entry, audience, ctx),
    (...args) => breachMessage(...args),
  );
  for (const [name, message] of Object.entries(cases)) if (message) found.set(name, (message as unknown as { notice: Notice }).notice);
  found.set('autoClosed', autoClosedMessage({ title: 'Écran noir' } as TicketEntity).notice);
  return found;
}

describe('notices in English', () => {
  const all = notices();

  it('are made for every key, and render in both languages', () => {
    expect(new Set([...all.values()].map((notice) => notice.key))).toEqual(new Set(NOTICE_KEYS));
    for (const [name, notice] of all) {
      const fr = renderNotice(notice, 'fr');
      const en = renderNotice(notice, 'en');
      expect({ name, fr: Boolean(fr), en: Boolean(en) }).toEqual({ name, fr: true, en: true });
      expect({ name, en: `${en!.title}\n${en!.body}` }).not.toEqual({ name, en: expect.stringMatching(/undefined|\bnull\b|«|»|\bniveau\b|signalement|\bIl est\b/) });
      expect(en!.title).not.toBe(fr!.title);
      // The ticket's title ends every title, as typed.
      expect(en!.title).toMatch(/: Écran noir$/);
    }
  });

  it('say what happened in plain English', () => {
    const en = (name: string) => renderNotice(all.get(name)!, 'en');
    expect(en('plain/created/staff')).toEqual({
      title: 'New report: Écran noir',
      body:
        'Léa Martin reports an incident (École Jules Ferry, hardware fault, priority P2), handed to Niveau 1 — Circonscription de Lyon 3 (level 1).\n\n' +
        '“Plus rien ne s’affiche depuis ce matin.”\n\nAvailability: Le mardi après-midi',
    });
    expect(en('security/escalated/reporter')).toEqual({
      title: 'Your report moves up to level 2: Écran noir',
      body: "It is now with Techniciens — Villeurbanne (level 2).\n\nHanded to level 2: the town's technicians. The head teacher has been informed.",
    });
    expect(en('supplier/escalated/staff')!.body).toBe(
      'Jean Dupont passed this report on (École Jules Ferry, digital workspace (ENT), priority P2): Techniciens — Villeurbanne (level 2) → Fournisseur — Dell Inc. (level 3).\n\n' +
        'Diagnosis: “Carte mère HS”\n\nReport: “Plus rien ne s’affiche depuis ce matin.”',
    );
    expect(en('plain/statusWaiting/staff')).toEqual({ title: 'Incident on hold: Écran noir', body: 'Jean Dupont: in progress → waiting.\n\n“On attend la pièce”' });
    expect(en('plain/closed/reporter')).toEqual({ title: 'Your report is closed: Écran noir', body: 'Jean Dupont closed it.\n\nService rating: 4/5.\n\n“Rapide”' });
    // Dates in the recipient's commune's time zone (09:30 in Paris); ICU versions differ on the comma.
    expect(en('breach/firstPassed/breach/due/paris')).toEqual({
      title: 'Deadline missed: Écran noir',
      body: expect.stringMatching(
        /^The first response deadline for this report \(École Jules Ferry, hardware fault, priority P2\) has passed \(it was Monday,? 2 March 2020 at 09:30\)\. It is with Niveau 1 — Circonscription de Lyon 3 \(level 1\), assigned to Marie Curie\.$/,
      ),
    });
    expect(en('autoClosed')!.body).toMatch(/^It had been resolved and, as we heard nothing more from you, it has now closed automatically\./);
    expect(en('breach/noDue/warning/due/reunion')!.body).toBe(
      'The resolution deadline for this report (École Jules Ferry, hardware fault, priority P2) is approaching. It is with Niveau 1 — Circonscription de Lyon 3 (level 1), with nobody assigned.',
    );
  });

  it('keep an administrator’s routing message as written', () => {
    const notice = all.get('outOfScope/created/reporter')!;
    expect(renderNotice(notice, 'en')).toEqual({
      title: 'Equipment the town does not maintain: Écran noir',
      body: "Ce matériel n'a pas été fourni par la ville : il a été acheté sur les fonds propres de l'école ou reçu en don.",
    });
  });

  it('render nothing for a key this version does not know, or parameters it cannot read', () => {
    expect(renderNotice({ key: 'fromTheFuture', params: {} }, 'en')).toBeNull();
    expect(renderNotice({ key: 'deadline', params: { ticketTitle: 'X' } }, 'en')).toBeNull();
  });
});
