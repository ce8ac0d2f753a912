import { parseTimelineNote, renderTimelineNote, type TimelineNote } from '../timeline-notes';

describe('the timeline notes the server writes', () => {
  const notes: [TimelineNote, string, string][] = [
    [{ key: 'deadlineNear', params: { target: 'first_response' } }, 'Échéance de première réponse proche', 'First response due soon'],
    [{ key: 'deadlineNear', params: { target: 'resolution' } }, 'Échéance de résolution proche', 'Resolution due soon'],
    [{ key: 'deadlinePassed', params: { target: 'first_response' } }, 'Délai de première réponse dépassé', 'First response overdue'],
    [{ key: 'deadlinePassed', params: { target: 'resolution' } }, 'Délai de résolution dépassé', 'Resolution overdue'],
    [{ key: 'autoClosed', params: { days: 1 } }, 'Clôture automatique 1 jour après la résolution', 'Closed automatically 1 day after resolution'],
    [{ key: 'autoClosed', params: { days: 5 } }, 'Clôture automatique 5 jours après la résolution', 'Closed automatically 5 days after resolution'],
    [
      { key: 'itemStillBroken', params: { assetTag: 'PC-ELEM-014', references: 'INC-2026-000012, INC-2026-000019' } },
      "PC-ELEM-014 n'est pas remis en service : INC-2026-000012, INC-2026-000019 le signale encore en panne.",
      'PC-ELEM-014 is not put back in service: INC-2026-000012, INC-2026-000019 still reports it broken.',
    ],
  ];

  it.each(notes)('renders %j in French and English, and reads the French back', (note, french, english) => {
    expect(renderTimelineNote(note, 'fr')).toBe(french);
    expect(renderTimelineNote(note, 'en')).toBe(english);
    expect(parseTimelineNote(french)).toEqual(note);
  });

  it('reads nothing from other texts, and renders nothing of keys or parameters it does not know', () => {
    for (const text of [null, '', 'Délai de réponse dépassé', 'Clôture automatique 0 jour après la résolution', 'Clôture automatique 5 jour après la résolution', 'Échéance de résolution proche.']) {
      expect(parseTimelineNote(text)).toBeNull();
    }
    expect(renderTimelineNote({ key: 'deadlinePassed', params: { target: 'lunch' } }, 'en')).toBeNull();
    expect(renderTimelineNote({ key: 'autoClosed', params: { days: 1.5 } }, 'en')).toBeNull();
    expect(renderTimelineNote({ key: 'routed', params: {} }, 'en')).toBeNull();
  });
});
