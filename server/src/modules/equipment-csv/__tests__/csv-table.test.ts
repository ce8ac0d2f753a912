import fs from 'node:fs';
import path from 'node:path';
import { mapHeader, readCsvTable } from '../csv-table';

const FIXTURES = path.resolve(__dirname, '../../../../../test/fixtures/csv');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));
const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('readCsvTable', () => {
  it('numbers rows as a spreadsheet does: blank rows counted, a quoted line break kept in one row', () => {
    const table = readCsvTable(utf8('\r\nA;B\r\n1;"deux\r\nlignes"\r\n\r\n;;\r\n3;4\r\n'));
    expect(table.header).toEqual({ line: 2, cells: ['A', 'B'] });
    expect(table.rows).toEqual([
      { line: 3, cells: ['1', 'deux\r\nlignes'] },
      { line: 6, cells: ['3', '4'] },
    ]);
  });

  it('reads the Windows-1252 Excel fixture with its accents and quoted separators', () => {
    const table = readCsvTable(fixture('excel-windows-1252-semicolon.csv'));
    expect(table.encoding).toBe('windows-1252');
    expect(table.separator).toBe(';');
    expect(table.header.cells).toContain('N° de série');
    expect(table.rows).toHaveLength(5);
    expect(table.rows[0]!.cells).toContain("Salle d'activités");
    expect(table.rows[2]!.cells.at(-1)).toBe('Écran fissuré; à remplacer');
    expect(table.rows[4]!.cells).toContain('Bibliothèque – BCD');
  });

  it('reads the UTF-8 BOM fixture separated by commas', () => {
    const table = readCsvTable(fixture('libreoffice-utf8-bom-comma.csv'));
    expect(table.encoding).toBe('utf-8');
    expect(table.separator).toBe(',');
    expect(table.header.cells[0]).toBe("Numero d'inventaire");
    expect(table.rows.map((row) => row.line)).toEqual([2, 3, 4]);
    expect(table.rows[2]!.cells[7]).toBe('Salle des maîtres, RDC');
  });

  it('removes the quote that guards a formula', () => {
    expect(readCsvTable(utf8("Notes\n'=1+1\n")).rows[0]!.cells).toEqual(['=1+1']);
  });

  it('refuses an empty file and a header without rows', () => {
    expect(() => readCsvTable(utf8(''))).toThrow('The file is empty');
    expect(() => readCsvTable(utf8('\n;;\n'))).toThrow('The file is empty');
    expect(() => readCsvTable(utf8('A;B\r\n\r\n'))).toThrow(/no equipment rows/);
  });

  it('refuses a quote that never closes, saying where', () => {
    expect(() => readCsvTable(utf8('A;B\n1;"deux\n3;4\n'))).toThrow(/not valid CSV near line/);
  });
});

describe('mapHeader', () => {
  it('maps known columns, warns about unknown and read-only ones, and refuses a column given twice', () => {
    const table = readCsvTable(utf8('N° de série;Couleur;Numéro de série;École;;UAI\nX;rouge;Y;Z;w;0341301E\n'));
    const map = mapHeader(table);
    expect([...map.columns]).toEqual([
      ['serial', { index: 0, header: 'N° de série' }],
      ['school', { index: 3, header: 'École' }],
      ['uai', { index: 5, header: 'UAI' }],
    ]);
    expect(map.errors).toEqual([
      expect.objectContaining({ line: 1, column: 'Numéro de série', field: 'serial', message: expect.stringMatching(/same thing/) }),
    ]);
    expect(map.warnings.map((warning) => warning.column ?? warning.message)).toEqual([
      'Couleur',
      'École',
      'Column 5 has no header: its values are ignored',
    ]);
  });
});
