import { CSV_COLUMNS, columnForHeader, fundingOf, kindOf, normaliseLabel, statusOf } from '../csv-columns';
import { EquipmentCsvColumn } from '@preau/shared';
import { EquipmentKind, EquipmentStatus, FundingSource } from '@preau/shared';

describe('normaliseLabel', () => {
  it('drops accents, case, punctuation and spaces', () => {
    expect(normaliseLabel('N° de série')).toBe('ndeserie');
    expect(normaliseLabel("Numéro d'inventaire")).toBe('numerodinventaire');
    expect(normaliseLabel('  Prix d’achat (€) ')).toBe('prixdachat');
    expect(normaliseLabel('Nº de série')).toBe('nodeserie');
  });
});

describe('columnForHeader', () => {
  it.each([
    ['N° de série', 'serial'],
    ['Numero de serie', 'serial'],
    ['NUMÉRO DE SÉRIE', 'serial'],
    ['serial', 'serial'],
    ['S/N', 'serial'],
    ['Nº de série', 'serial'],
    ["Numéro d'inventaire", 'assetTag'],
    ["N° d'inventaire", 'assetTag'],
    ['assetTag', 'assetTag'],
    ['RNE', 'uai'],
    ['Classe mobile', 'container'],
    ["Prix d'achat (€)", 'purchasePrice'],
    ["Prix d'achat", 'purchasePrice'],
    ['Montant de subvention (€)', 'fundingAmount'],
    ['Fin de garantie', 'warrantyEndsOn'],
    ['Modèle', 'model'],
    ['Etat', 'status'],
  ])('maps "%s" to %s', (header, field) => {
    expect(columnForHeader(header)?.field).toBe(field);
  });

  it('knows nothing of a column it has no alias for', () => {
    expect(columnForHeader('Couleur')).toBeUndefined();
  });

  it('has one column per field and no label shared by two columns', () => {
    expect(CSV_COLUMNS.map((column) => column.field)).toEqual(EquipmentCsvColumn.options);
    const owners = new Map<string, string>();
    for (const column of CSV_COLUMNS) {
      for (const label of new Set([column.header, column.field, ...column.aliases].map(normaliseLabel))) {
        expect(owners.get(label) ?? column.field).toBe(column.field);
        owners.set(label, column.field);
      }
    }
  });
});

describe('coded values', () => {
  it('accepts every code as itself', () => {
    for (const kind of EquipmentKind.options) expect(kindOf(kind)).toBe(kind);
    for (const status of EquipmentStatus.options) expect(statusOf(status)).toBe(status);
    for (const funding of FundingSource.options) expect(fundingOf(funding)).toBe(funding);
  });

  it('accepts the French names people type', () => {
    expect(kindOf('Portable')).toBe('laptop');
    expect(kindOf('Ordinateur portable')).toBe('laptop');
    expect(kindOf('tablette')).toBe('tablet');
    expect(kindOf('Vidéoprojecteur')).toBe('projector');
    expect(kindOf('TBI')).toBe('interactive_display');
    expect(kindOf('Classe mobile')).toBe('trolley');
    expect(statusOf('En service')).toBe('in_service');
    expect(statusOf('EN PANNE')).toBe('broken');
    expect(statusOf('Réformé')).toBe('retired');
    expect(fundingOf("Subvention de l'État")).toBe('state_subsidy');
    expect(fundingOf('Subvention de l’Etat')).toBe('state_subsidy');
    expect(fundingOf('Fonds propres')).toBe('school_funds');
    expect(fundingOf('Don')).toBe('donation');
  });

  it('refuses what it does not know', () => {
    expect(kindOf('Grille-pain')).toBeUndefined();
    expect(statusOf('Bof')).toBeUndefined();
  });
});
