import { externalMail, mailSubject, notificationMail } from '../../server/src/modules/notifications/mail-templates';

describe('notification e-mails', () => {
  it('names the ticket in the subject on one line, whatever the title holds', () => {
    expect(mailSubject('INC-2026-000123', 'Nouveau signalement : Écran noir')).toBe('[Préau] INC-2026-000123 — Nouveau signalement : Écran noir');
    expect(mailSubject('INC-2026-000124', 'Titre\r\nBcc: victime@example.fr')).toBe('[Préau] INC-2026-000124 — Titre Bcc: victime@example.fr');
  });

  it('escapes what people typed in the HTML part and keeps the text part as typed', () => {
    const mail = notificationMail({ reference: 'INC-2026-000125', title: 'Nouveau message : <b>Wifi</b>', body: 'Léa : « <img src=x onerror=alert(1)> & co »\n\nDeuxième paragraphe', url: 'https://preau.example.fr/incidents/125' });
    expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; co');
    expect(mail.html).not.toMatch(/<img|<b>/);
    expect(mail.html).toContain('<p>Deuxième paragraphe</p>');
    expect(mail.html).toContain('<a href="https://preau.example.fr/incidents/125">');
    expect(mail.text).toContain('<img src=x onerror=alert(1)> & co');
    expect(mail.text).toContain('Ouvrir le signalement dans Préau : https://preau.example.fr/incidents/125');
  });

  it('leaves the link out when Préau has no public address, and for external parties', () => {
    expect(notificationMail({ reference: null, title: 'T', body: 'B', url: null }).html).not.toContain('<a ');
    const external = externalMail({ reference: 'INC-2026-000126', title: "Demande d'intervention : Copieur", body: 'Bonjour,', sender: 'Saint-Denis' });
    expect(external.html).not.toContain('<a ');
    expect(external.text).toContain('Message envoyé par Préau pour Saint-Denis.');
  });
});
