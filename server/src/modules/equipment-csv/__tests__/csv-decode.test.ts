import iconv from 'iconv-lite';
import { decodeCsvBytes, sniffSeparator } from '../csv-decode';
import { AppError } from '../../../http/app-error';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('decodeCsvBytes', () => {
  it('strips a UTF-8 byte order mark', () => {
    const decoded = decodeCsvBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('École;Salle', 'utf8')]));
    expect(decoded).toEqual({ text: 'École;Salle', encoding: 'utf-8' });
  });

  it('reads UTF-8 without a byte order mark', () => {
    expect(decodeCsvBytes(Buffer.from("Salle d'activités", 'utf8'))).toEqual({ text: "Salle d'activités", encoding: 'utf-8' });
  });

  it('reads bytes that are not UTF-8 as Windows-1252: 0xE9 is é, 0x80 is €, 0x9C is œ', () => {
    const decoded = decodeCsvBytes(bytes(0x45, 0x78, 0xe9, 0x3b, 0x80, 0x3b, 0x63, 0x9c, 0x75, 0x72));
    expect(decoded).toEqual({ text: 'Exé;€;cœur', encoding: 'windows-1252' });
  });

  it('reads Excel "Unicode text" (UTF-16 LE with a byte order mark)', () => {
    const content = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('École\tSalle', 'utf-16le')]);
    expect(decodeCsvBytes(content)).toEqual({ text: 'École\tSalle', encoding: 'utf-16le' });
  });

  it('refuses a workbook with a message saying to save it as CSV', () => {
    const attempt = () => decodeCsvBytes(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00));
    expect(attempt).toThrow(AppError);
    expect(attempt).toThrow(/save it as CSV/);
  });

  it('refuses binary content', () => {
    expect(() => decodeCsvBytes(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00))).toThrow(/not CSV text/);
  });
});

describe('sniffSeparator', () => {
  it('picks ; for a French Excel header, whatever commas the data holds', () => {
    expect(sniffSeparator("Numéro d'inventaire;Type;Prix d'achat (€)\r\nA-1;laptop;1234,50\r\n")).toBe(';');
  });

  it('picks , for a comma-separated file', () => {
    expect(sniffSeparator('assetTag,kind,serial\nA-1,laptop,X1\n')).toBe(',');
  });

  it('picks tab for a tab-separated file', () => {
    expect(sniffSeparator('assetTag\tkind\tserial\nA-1\tlaptop\tX1\n')).toBe('\t');
  });

  it('ignores separators inside quotes', () => {
    expect(sniffSeparator('"Salle; étage; bâtiment; aile",Type,Marque\n')).toBe(',');
    expect(sniffSeparator('"a,b,c,d";"e,f";g\n1;2;3\n')).toBe(';');
  });

  it('skips blank lines before the header and survives a quoted line break', () => {
    expect(sniffSeparator('\r\n\r\n"Notes\r\nsur deux lignes",Type,Marque\n')).toBe(',');
  });

  it('falls back to ; for a single column', () => {
    expect(sniffSeparator('assetTag\nA-1\n')).toBe(';');
  });
});
