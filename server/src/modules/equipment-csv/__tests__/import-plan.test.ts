import type { EquipmentImportKey } from '@preau/shared';
import type { CommuneEntity } from '../../organisations/commune.entity';
import type { SchoolEntity } from '../../schools/school.entity';
import type { RoomEntity } from '../../schools/room.entity';
import type { EquipmentEntity } from '../../equipment/equipment.entity';
import { mapHeader, readCsvTable } from '../csv-table';
import { planImport } from '../import-plan';
import { buildSnapshot, type ImportScope } from '../import-snapshot';

const commune = { id: 1, name: 'Saint-Denis' } as CommuneEntity;
const school = (id: number, uai: string, name: string, communeId = 1) =>
  ({ id, uai, name, communeId, retiredAt: null }) as SchoolEntity;
const schoolA = school(10, '0341301E', 'École Jean Moulin');
const schoolB = school(11, '0131204N', 'École Les Lilas');
const elsewhere = school(20, '0132397K', "École d'ailleurs", 2);
const room = (id: number, schoolId: number, name: string, retired = false) =>
  ({ id, schoolId, name, retiredAt: retired ? new Date() : null }) as RoomEntity;

const item = (fields: Partial<EquipmentEntity> & Pick<EquipmentEntity, 'id' | 'assetTag' | 'kind'>): EquipmentEntity =>
  ({
    status: 'in_service',
    brand: null,
    model: null,
    serial: null,
    macAddress: null,
    hostname: null,
    communeId: 1,
    schoolId: 10,
    roomId: null,
    containerId: null,
    purchaseDate: null,
    purchasePriceCents: null,
    supplier: null,
    warrantyEndsOn: null,
    funding: 'commune',
    fundingProgramme: null,
    fundingAmountCents: null,
    notes: null,
    version: 1,
    ...fields,
  }) as EquipmentEntity;

const snapshot = buildSnapshot({
  schools: [schoolA, schoolB],
  rooms: [room(100, 10, "Salle d'activités"), room(101, 10, 'Ancienne salle', true)],
  items: [
    item({ id: 1, assetTag: 'CM-01', kind: 'trolley', serial: 'TR1', roomId: 100 }),
    item({ id: 2, assetTag: 'TAB-01', kind: 'tablet', serial: 'TB1', roomId: 100, containerId: 1 }),
    item({ id: 3, assetTag: 'PC-01', kind: 'laptop', serial: 'DUP', schoolId: 11, model: 'Latitude' }),
    item({ id: 4, assetTag: 'PC-02', kind: 'laptop', serial: 'DUP', schoolId: 11 }),
    item({ id: 5, assetTag: 'IMP-01', kind: 'printer', schoolId: null, funding: 'state_subsidy', fundingProgramme: 'Plan numérique' }),
  ],
  foreignSchools: [elsewhere],
});

function plan(lines: string[], key: EquipmentImportKey = 'assetTag', scope: ImportScope = { commune, school: null }) {
  const table = readCsvTable(Buffer.from(lines.join('\r\n') + '\r\n', 'utf8'));
  return planImport(table, mapHeader(table), scope, snapshot, key);
}

describe('planImport', () => {
  it('finds nothing to do when the file says what is stored', () => {
    const result = plan([
      "Numéro d'inventaire;Type;N° de série;UAI;Salle;Classe mobile",
      "CM-01;trolley;TR1;0341301E;Salle d'activités;",
      "TAB-01;tablet;TB1;0341301E;Salle d'activités;CM-01",
      'PC-01;laptop;DUP;0131204N;;',
      'IMP-01;printer;;;;',
    ]);
    expect(result).toMatchObject({ rows: 4, toCreate: 0, toUpdate: 0, unchanged: 4, writes: [], errors: [] });
  });

  it('updates only the columns the file has', () => {
    const result = plan(["Numéro d'inventaire;Modèle", 'pc-01;Latitude 5440']);
    expect(result.errors).toEqual([]);
    expect(result.writes).toEqual([{ action: 'update', line: 2, itemId: 3, fields: { model: 'Latitude 5440' }, location: null }]);
  });

  it('refuses a serial shared by several stored items, and a key given twice', () => {
    const result = plan(["Numéro d'inventaire;N° de série;Type", 'NEW-1;dup;laptop', 'NEW-2;TB9;laptop', 'NEW-3;tb9;laptop'], 'serial');
    expect(result.errors).toEqual([
      expect.objectContaining({ line: 2, field: 'serial', column: 'N° de série', value: 'dup', message: expect.stringMatching(/^Ambiguous: 2 items .*PC-01, PC-02/) }),
      expect.objectContaining({ line: 4, field: 'serial', message: 'Same N° de série as line 3' }),
    ]);
  });

  it('writes a trolley before the items the file puts in it, wherever it is listed', () => {
    const result = plan([
      "Numéro d'inventaire;Type;UAI;Salle;Classe mobile",
      'TAB-NEW;Tablette;0341301E;Salle CP;CM-NEW',
      'CM-NEW;Classe mobile;0341301E;Salle CP;',
    ]);
    expect(result.errors).toEqual([]);
    expect(result.writes.map((write) => write.line)).toEqual([3, 2]);
    expect(result.writes[1]).toMatchObject({ action: 'create', location: { container: { line: 3 } } });
    expect(result.newRooms.map((newRoom) => newRoom.name)).toEqual(['Salle CP']);
  });

  it('puts an item only in a trolley, and only where that trolley stands', () => {
    const result = plan([
      "Numéro d'inventaire;Type;UAI;Salle;Classe mobile",
      'TAB-A;tablet;0341301E;;PC-01',
      'TAB-B;tablet;0131204N;;CM-01',
      "TAB-C;tablet;;salle d'activites;CM-01",
      'TAB-D;tablet;0341301E;;NOPE-9',
    ]);
    expect(result.errors).toEqual([
      expect.objectContaining({ line: 2, field: 'container', message: 'PC-01 is a laptop, which cannot hold items' }),
      expect.objectContaining({ line: 3, field: 'uai', message: expect.stringMatching(/stands where the trolley stands, in École Jean Moulin/) }),
      expect.objectContaining({ line: 5, field: 'container', message: expect.stringMatching(/no row of the file creates it/) }),
    ]);
  });

  it('matches rooms whatever their case and accents, lists each new room once, and refuses retired ones', () => {
    const result = plan([
      "Numéro d'inventaire;Type;UAI;Salle",
      "N-1;laptop;0341301E;SALLE D'ACTIVITES",
      'N-2;laptop;0341301E;Salle CE1',
      'N-3;laptop;0341301E;salle ce1',
      'N-4;laptop;0341301E;Ancienne salle',
      'N-5;laptop;;Salle CE2',
    ]);
    expect(result.newRooms.map((newRoom) => [newRoom.school.uai, newRoom.name])).toEqual([['0341301E', 'Salle CE1']]);
    expect(result.errors).toEqual([
      expect.objectContaining({ line: 5, field: 'room', message: 'Room Ancienne salle of École Jean Moulin is retired' }),
      expect.objectContaining({ line: 6, field: 'room', message: expect.stringMatching(/commune stock has no room/) }),
    ]);
    expect(result.writes[0]).toMatchObject({ location: { container: null, schoolId: 10, roomKey: "10:salle d'activites" } });
  });

  it('says why a UAI does not fit', () => {
    const result = plan(["Numéro d'inventaire;Type;UAI", 'N-1;laptop;0132397K', 'N-2;laptop;0341301A', 'N-3;laptop;0340001S']);
    expect(result.errors.map((error) => [error.line, error.message])).toEqual([
      [2, "École d'ailleurs (0132397K) is a school of another commune than Saint-Denis"],
      [3, 'The check letter is wrong: 0341301 must end with E'],
      [4, 'No school of Saint-Denis has the UAI 0340001S'],
    ]);
  });

  it('refuses a row for another school when the import is for one school', () => {
    const result = plan(["Numéro d'inventaire;Type;UAI", 'N-1;laptop;0131204N', 'N-2;laptop;'], 'assetTag', { commune, school: schoolA });
    expect(result.errors).toEqual([expect.objectContaining({ line: 2, field: 'uai', message: expect.stringMatching(/^This import is for École Jean Moulin/) })]);
    expect(result.writes).toEqual([expect.objectContaining({ line: 3, location: { container: null, schoolId: 10, roomKey: null } })]);
  });

  it('reports missing columns once for the file', () => {
    expect(plan(['Type;Marque', 'laptop;Dell'], 'serial').errors.map((error) => [error.line, error.field])).toEqual([
      [1, 'assetTag'],
      [1, 'serial'],
    ]);
    const withoutKind = plan(["Numéro d'inventaire;Marque", 'PC-01;Dell', 'NEW-1;Dell', 'NEW-2;HP']);
    expect(withoutKind.errors).toEqual([
      { line: 1, field: 'kind', message: 'The file has no "Type" column, yet lines 3, 4 create new items, which need one' },
    ]);
  });

  it('refuses to retire a trolley that still holds items', () => {
    const result = plan(["Numéro d'inventaire;Statut", 'CM-01;Réformé']);
    expect(result.errors).toEqual([expect.objectContaining({ line: 2, field: 'status', message: expect.stringMatching(/still holds 1 items/) })]);
  });

  it("keeps asset tags unique when matching by serial", () => {
    const result = plan(["Numéro d'inventaire;N° de série;Type", 'PC-02;TB1;tablet'], 'serial');
    expect(result.errors).toEqual([expect.objectContaining({ line: 2, field: 'assetTag', message: 'Asset tag PC-02 already belongs to another item (serial DUP)' })]);
  });

  it('checks funding against the stored record', () => {
    const result = plan(["Numéro d'inventaire;Programme de subvention;Financement", 'IMP-01;;', 'PC-01;Plan numérique;']);
    expect(result.errors.map((error) => [error.line, error.field, error.message])).toEqual([
      [2, 'fundingProgramme', 'A State subsidy needs the programme name'],
      [3, 'fundingProgramme', 'Only a State subsidy has a programme'],
    ]);
    const leaving = plan(["Numéro d'inventaire;Financement", 'IMP-01;Ville']);
    expect(leaving.errors).toEqual([]);
    expect(leaving.writes).toEqual([expect.objectContaining({ fields: { funding: 'commune' } })]);
  });
});
