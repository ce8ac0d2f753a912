import { parseSweepNote, renderSweepNote, type SweepNote } from '../sweep-notes';

describe('the deadline sweep’s timeline notes', () => {
  const notes: [SweepNote, string, string][] = [
    [{ key: 'deadlineNear', params: { target: 'first_response' } }, 'Échéance de première réponse proche', 'First response due soon'],
    [{ key: 'deadlineNear', params: { target: 'resolution' } }, 'Échéance de résolution proche', 'Resolution due soon'],
    [{ key: 'deadlinePassed', params: { target: 'first_response' } }, 'Délai de première réponse dépassé', 'First response overdue'],
    [{ key: 'deadlinePassed', params: { target: 'resolution' } }, 'Délai de résolution dépassé', 'Resolution overdue'],
    [{ key: 'autoClosed', params: { days: 1 } }, 'Clôture automatique 1 jour après la résolution', 'Closed automatically 1 day after resolution'],
    [{ key: 'autoClosed', params: { days: 5 } }, 'Clôture automatique 5 jours après la résolution', 'Closed automatically 5 days after resolution'],
  ];

  it.each(notes)('renders %j in French and English, and reads the French back', (note, french, english) => {
    expect(renderSweepNote(note, 'fr')).toBe(french);
    expect(renderSweepNote(note, 'en')).toBe(english);
    expect(parseSweepNote(french)).toEqual(note);
  });

  it('reads nothing from other texts, and renders nothing of keys or parameters it does not know', () => {
    for (const text of [null, '', 'Délai de réponse dépassé', 'Clôture automatique 0 jour après la résolution', 'Clôture automatique 5 jour après la résolution', 'Échéance de résolution proche.']) {
      expect(parseSweepNote(text)).toBeNull();
    }
    expect(renderSweepNote({ key: 'deadlinePassed', params: { target: 'lunch' } }, 'en')).toBeNull();
    expect(renderSweepNote({ key: 'autoClosed', params: { days: 1.5 } }, 'en')).toBeNull();
    expect(renderSweepNote({ key: 'routed', params: {} }, 'en')).toBeNull();
  });
});
