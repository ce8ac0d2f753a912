import type { Equipment } from '@preau/shared';
import { exportFileName, maintainerLabel, renderEquipmentCsv, slugify } from '../csv-export';
import { readCsvTable } from '../csv-table';

const item = (overrides: Partial<Equipment> = {}): Equipment => ({
  id: 1,
  kind: 'laptop',
  status: 'in_service',
  assetTag: 'SDN-0001',
  brand: 'Dell',
  model: 'Latitude 3440',
  serial: '5CG3301ABC',
  macAddress: '00:1A:2B:3C:4D:5E',
  hostname: 'ee-moulin-dir',
  communeId: 1,
  schoolId: 2,
  roomId: 3,
  containerId: null,
  purchaseDate: '2024-03-01',
  purchasePriceCents: 123450,
  supplier: 'Dell',
  warrantyEndsOn: '2027-03-01',
  funding: 'state_subsidy',
  fundingProgramme: 'Plan numérique',
  fundingAmountCents: 61725,
  notes: null,
  version: 1,
  createdAt: '2024-03-01T00:00:00.000Z',
  updatedAt: '2024-03-01T00:00:00.000Z',
  maintainer: { party: 'supplier', name: 'Dell', warrantyEndsOn: '2027-03-01' },
  school: { id: 2, uai: '0341301E', name: 'École élémentaire Jean Moulin' },
  room: { id: 3, name: "Salle d'activités" },
  container: null,
  ...overrides,
});

describe('renderEquipmentCsv', () => {
  const content = renderEquipmentCsv([
    item(),
    item({ assetTag: 'SDN-0002', notes: 'ligne 1\nligne 2; suite', status: 'retired', school: null, room: null, purchasePriceCents: null }),
    item({ assetTag: 'SDN-0003', notes: '=HYPERLINK("http://exemple.fr")' }),
  ]);
  const text = content.toString('utf8');

  it('starts with a UTF-8 BOM and writes French headers separated by ;', () => {
    expect([...content.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.slice(1, text.indexOf('\r\n'))).toBe(
      "Numéro d'inventaire;Type;Statut;Marque;Modèle;N° de série;Adresse MAC;Nom d'hôte;UAI;École;Salle;Classe mobile;" +
        "Date d'achat;Prix d'achat (€);Fournisseur;Fin de garantie;Financement;Programme de subvention;" +
        'Montant de subvention (€);Maintenu par;Notes',
    );
  });

  it('ends every record with CRLF and quotes line breaks and separators', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text).toContain('"ligne 1\nligne 2; suite"');
  });

  it('writes codes, ISO dates and decimal commas, which read back to the same values', () => {
    const table = readCsvTable(content);
    expect(table.rows).toHaveLength(3);
    const [first, second, third] = table.rows.map((row) => row.cells);
    expect(first).toEqual([
      'SDN-0001', 'laptop', 'in_service', 'Dell', 'Latitude 3440', '5CG3301ABC', '00:1A:2B:3C:4D:5E', 'ee-moulin-dir',
      '0341301E', 'École élémentaire Jean Moulin', "Salle d'activités", '', '2024-03-01', '1234,50', 'Dell', '2027-03-01',
      'state_subsidy', 'Plan numérique', '617,25', "Fournisseur Dell (garantie jusqu'au 2027-03-01)", '',
    ]);
    expect(second).toEqual(expect.arrayContaining(['retired', 'ligne 1\nligne 2; suite']));
    expect(second![8]).toBe('');
    expect(second![13]).toBe('');
    expect(third!.at(-1)).toBe('=HYPERLINK("http://exemple.fr")');
  });

  it('keeps spreadsheets from running a note as a formula', () => {
    expect(text).toContain(`"'=HYPERLINK(""http://exemple.fr"")"`);
  });
});

describe('maintainerLabel', () => {
  it('says who maintains the item in French', () => {
    expect(maintainerLabel({ party: 'commune', communeId: 1, name: 'Saint-Denis' })).toBe('Commune : Saint-Denis');
    expect(maintainerLabel({ party: 'none', reason: 'donation' })).toBe('Personne (don)');
    expect(maintainerLabel({ party: 'none', reason: 'school_funds' })).toBe("Personne (fonds propres de l'école)");
  });
});

describe('export file name', () => {
  it('uses a plain ASCII slug of the commune name or the UAI as given', () => {
    expect(exportFileName(slugify("Saint-Étienne-de-l'Œuvre"), '2025-09-01')).toBe('equipement-saint-etienne-de-l-oeuvre-2025-09-01.csv');
    expect(exportFileName('0341301E', '2025-09-01')).toBe('equipement-0341301E-2025-09-01.csv');
  });
});
