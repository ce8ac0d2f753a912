import { parseEquipmentNote, renderEquipmentNote, type EquipmentNote } from '../equipment-notes';

describe('the notes the server writes in an item’s history', () => {
  const notes: [EquipmentNote, string, string][] = [
    [{ key: 'csvImport', params: {} }, 'Import CSV', 'CSV import'],
    [{ key: 'movedWithContainer', params: { assetTag: 'CHARIOT-02' } }, 'Déplacé avec CHARIOT-02', 'Moved with CHARIOT-02'],
    [{ key: 'reportFiled', params: { reference: 'INC-2026-000123' } }, 'Signalement INC-2026-000123', 'Report INC-2026-000123'],
    [{ key: 'reportResolved', params: { reference: 'INC-2026-000123' } }, 'Résolution INC-2026-000123', 'Resolution INC-2026-000123'],
    [{ key: 'reportReopened', params: { reference: 'INC-2026-000123' } }, 'Réouverture INC-2026-000123', 'Reopening of INC-2026-000123'],
  ];

  it.each(notes)('renders %j in French and English, and reads the French back', (note, french, english) => {
    expect(renderEquipmentNote(note, 'fr')).toBe(french);
    expect(renderEquipmentNote(note, 'en')).toBe(english);
    expect(parseEquipmentNote(french)).toEqual(note);
  });

  it('reads the English notes the first versions stored, so they show in French too', () => {
    expect(parseEquipmentNote('CSV import')).toEqual({ key: 'csvImport', params: {} });
    expect(parseEquipmentNote('Moved with TAB-7')).toEqual({ key: 'movedWithContainer', params: { assetTag: 'TAB-7' } });
  });

  it('leaves a person’s note alone, even when it starts like one of them', () => {
    for (const text of [null, '', 'Écran cassé, hors garantie', "Signalement de l'enseignant", 'Résolution du problème par le prestataire', 'Import CSV de septembre']) {
      expect(parseEquipmentNote(text)).toBeNull();
    }
    expect(renderEquipmentNote({ key: 'reportFiled', params: { reference: 'de la directrice' } }, 'en')).toBeNull();
    expect(renderEquipmentNote({ key: 'deadlinePassed', params: { target: 'resolution' } }, 'en')).toBeNull();
  });
});
