import { createI18n } from 'vue-i18n';
import { BACK_TO_GROUP_QUEUE, BUILT_IN_RULES, DEFAULT_RULE_NAMES, type TicketEvent } from '@preau/shared';
import en from '../../client/src/locales/en.json';
import fr from '../../client/src/locales/fr.json';
import { timelineText } from '../../client/src/features/tickets/timeline-text';

/** The timeline's texts as the page says them, with the app's own messages. */
function timelineIn(locale: 'fr' | 'en') {
  const { t, te } = createI18n({ legacy: false, locale, messages: { fr, en } }).global;
  return timelineText({
    t: (key, values) => t(key, values ?? {}),
    te: (key) => te(key),
    locale: () => locale,
    timestamp: (iso) => `<${iso}>`,
    eventLabel: (kind) => t(`ticketEvent.${kind}`),
  });
}

const event = (fields: Partial<TicketEvent>): TicketEvent => ({
  id: 1,
  kind: 'routed',
  at: '2026-12-01T10:00:00.000Z',
  actor: { id: 7, label: 'Julie Rivière' },
  body: null,
  bodyText: null,
  internal: false,
  from: null,
  to: null,
  rule: null,
  ...fields,
});

describe('the ticket timeline’s texts', () => {
  const english = timelineIn('en');
  const french = timelineIn('fr');

  it('says a group’s level in the reader’s language, and leaves the group’s name as stored', () => {
    const escalated = event({ kind: 'escalated', from: 'Niveau 1 — Saint-Denis 1 (niveau 1)', to: 'Techniciens — Saint-Denis (niveau 2)' });
    expect(english.valueText(escalated, escalated.to)).toBe('Techniciens — Saint-Denis (level 2)');
    expect(french.valueText(escalated, escalated.to)).toBe('Techniciens — Saint-Denis (niveau 2)');
    // A value with no level, from before levels were kept, as it is.
    expect(english.valueText(escalated, 'Techniciens — Saint-Denis')).toBe('Techniciens — Saint-Denis');
  });

  it('names the return to the group’s queue for what it is', () => {
    const released = event({ kind: 'assigned', from: 'Julie Rivière', to: BACK_TO_GROUP_QUEUE });
    expect(english.whatText(released)).toBe("Back in the group's queue");
    expect(english.valueText(released, released.to)).toBe('group queue');
    expect(french.whatText(released)).toBe('Remis dans la file du groupe');
    expect(english.whatText(event({ kind: 'assigned', to: 'Julie Rivière' }))).toBe('Taken');
  });

  it('says Préau for the entries it writes itself, and people by their names', () => {
    expect(english.actorText({ id: null, label: 'system' })).toBe('Préau (automatic)');
    expect(french.actorText({ id: null, label: 'system' })).toBe('Préau (automatique)');
    // A person whose name happens to be a key stays themselves.
    expect(english.actorText({ id: 12, label: 'system' })).toBe('system');
    expect(english.actorText({ id: 7, label: 'Julie Rivière' })).toBe('Julie Rivière');
  });

  it('translates the rules the server names itself, not the commune’s', () => {
    expect(english.ruleText(BUILT_IN_RULES.manualHandover)).toBe('Handed over manually');
    expect(english.ruleText(BUILT_IN_RULES.fallbackReport)).toBe("Default: the district's level 1");
    expect(english.ruleText('Matériel de la ville : techniciens de la commune')).toBe('Matériel de la ville : techniciens de la commune');
    // The default rules, seeded by Préau, read in English too, unless someone renamed them.
    expect(english.ruleText(DEFAULT_RULE_NAMES.newReport.fr)).toBe("New report: the district's level 1");
    expect(french.ruleText(DEFAULT_RULE_NAMES.newReport.fr)).toBe(DEFAULT_RULE_NAMES.newReport.fr);
  });

  it('formats the due date of a deadline entry, statuses and ratings', () => {
    expect(english.valueText(event({ kind: 'breached' }), '2026-12-01T18:00:00.000Z')).toBe('<2026-12-01T18:00:00.000Z>');
    expect(english.valueText(event({ kind: 'status' }), 'waiting')).toBe('Waiting');
    expect(french.valueText(event({ kind: 'closed' }), '4/5')).toBe('4 sur 5');
  });
});
