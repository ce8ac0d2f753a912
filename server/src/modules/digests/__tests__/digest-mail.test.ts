import { DIGEST_LIST_MAX, type DigestItem, type DigestTicket, type WeeklyDigest } from '@preau/shared';
import { isEmptyDigest, weeklyDigestMail } from '../digest-mail';
import { digestPeriod } from '../weekly-digests';

const ticket = (n: number): DigestTicket => ({
  id: n,
  reference: `INC-2026-${String(n).padStart(6, '0')}`,
  title: `Vidéoprojecteur <éteint> & muet ${n}`,
  schoolName: 'École Les Camélias',
  level: 2,
  status: 'in_progress',
  createdAt: '2026-11-25T09:00:00.000Z',
  resolutionDueAt: null,
});

const item: DigestItem = { id: 7, assetTag: 'CAM-7', kind: 'copier', status: 'in_repair', schoolName: null, roomName: null, warrantyEndsOn: null };

const digest = (overrides: Partial<WeeklyDigest> = {}): WeeklyDigest => ({
  periodStart: '2026-11-23T06:00:00.000Z',
  periodEnd: '2026-11-30T06:00:00.000Z',
  scopes: [{ kind: 'circonscription', id: 3, name: 'Saint-Denis 1' }],
  newIncidents: { total: 0, items: [] },
  overdueIncidents: { total: 0, items: [] },
  outOfService: { total: 0, items: [] },
  warrantiesEnding: { total: 0, items: [] },
  ...overrides,
});

describe('weekly digest e-mail', () => {
  it('says how many more there are past the listed entries', () => {
    const listed = Array.from({ length: DIGEST_LIST_MAX }, (_, i) => ticket(i + 1));
    const mail = weeklyDigestMail({ recipientName: 'Awa', digest: digest({ newIncidents: { total: DIGEST_LIST_MAX + 3, items: listed } }), publicUrl: 'https://preau.example.fr' });
    expect(mail.subject).toBe(`[Préau] Synthèse de la semaine : ${DIGEST_LIST_MAX + 3} nouveaux signalements, 0 en retard`);
    expect(mail.text).toContain(`Nouveaux signalements de la semaine : ${DIGEST_LIST_MAX + 3}\n`);
    expect(mail.text.match(/^- INC-/gm)).toHaveLength(DIGEST_LIST_MAX);
    expect(mail.text).toContain('… et 3 autres dans Préau.');
    expect(mail.text).toContain('Signalements en retard : 0\nAucun signalement en retard.');
    expect(mail.text).toContain('pour : Saint-Denis 1 (circonscription).');
    expect(mail.text).toContain('du 23 novembre 2026 au 30 novembre 2026');
  });

  it('escapes what users typed in the HTML part, and leaves links out when Préau has no public address', () => {
    const mail = weeklyDigestMail({ recipientName: 'Awa', digest: digest({ overdueIncidents: { total: 1, items: [ticket(9)] }, outOfService: { total: 1, items: [item] } }), publicUrl: null });
    expect(mail.html).toContain('Vidéoprojecteur &lt;éteint&gt; &amp; muet 9');
    expect(mail.html).not.toContain('<éteint>');
    expect(mail.html).not.toContain('href=');
    expect(mail.text).not.toContain('http');
    expect(mail.text).toContain('- INC-2026-000009 — Vidéoprojecteur <éteint> & muet 9 (École Les Camélias, niveau 2, en cours, délai dépassé)');
    expect(mail.text).toContain('- CAM-7 — Copieur multifonction, en réparation (stock de la commune)');
  });

  it('is empty only when all four sections are', () => {
    expect(isEmptyDigest(digest())).toBe(true);
    expect(isEmptyDigest(digest({ warrantiesEnding: { total: 1, items: [{ ...item, warrantyEndsOn: '2027-01-01' }] } }))).toBe(false);
  });

  it('names the week in Paris time, across the new year', () => {
    expect(digestPeriod(new Date('2026-11-30T06:00:00Z'))).toBe('2026-W49');
    // Sunday 23:30 UTC is already Monday in Paris: the next week.
    expect(digestPeriod(new Date('2026-12-06T23:30:00Z'))).toBe('2026-W50');
    // Monday 4 January 2027 is in week 1 of 2027; Friday 1 January is still week 53 of 2026.
    expect(digestPeriod(new Date('2027-01-04T06:00:00Z'))).toBe('2027-W01');
    expect(digestPeriod(new Date('2027-01-01T12:00:00Z'))).toBe('2026-W53');
  });
});
