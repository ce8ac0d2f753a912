import { PDF, SVG, avifHeif, brokenHeic, phoneJpeg, png, webp } from '../../../../../test/attachments/photos';
import { sniffPhoto } from '../image-sniff';

const ftyp = (major: string, ...compatible: string[]) => {
  const box = Buffer.alloc(16 + 4 * compatible.length);
  box.writeUInt32BE(box.length, 0);
  box.write(`ftyp${major}`, 4, 'latin1');
  compatible.forEach((brand, i) => box.write(brand, 16 + 4 * i, 'latin1'));
  return Buffer.concat([box, Buffer.alloc(32)]);
};

describe('sniffPhoto', () => {
  it('tells JPEG, PNG, WebP and HEIF from their first bytes', async () => {
    expect(sniffPhoto(await phoneJpeg())).toBe('jpeg');
    expect(sniffPhoto(await png())).toBe('png');
    expect(sniffPhoto(await webp())).toBe('webp');
    expect(sniffPhoto(await avifHeif())).toBe('heif');
    expect(sniffPhoto(brokenHeic())).toBe('heif');
  });

  it('finds a HEIF brand among the compatible brands', () => {
    expect(sniffPhoto(ftyp('MiHE', 'mif1', 'MiHB'))).toBe('heif');
    expect(sniffPhoto(ftyp('heix'))).toBe('heif');
  });

  it('refuses videos, drawings, documents and text, whatever they are named', () => {
    expect(sniffPhoto(ftyp('qt  ', 'qt  '))).toBeNull();
    expect(sniffPhoto(ftyp('isom', 'iso2', 'mp41'))).toBeNull();
    expect(sniffPhoto(SVG)).toBeNull();
    expect(sniffPhoto(PDF)).toBeNull();
    expect(sniffPhoto(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBeNull();
    expect(sniffPhoto(Buffer.from('Bonjour, ceci est un texte nommé photo.jpg'))).toBeNull();
    expect(sniffPhoto(Buffer.alloc(0))).toBeNull();
  });

  it('does not read past a truncated or lying ftyp box', () => {
    const lying = ftyp('heic');
    lying.writeUInt32BE(10_000, 0);
    expect(sniffPhoto(lying)).toBeNull();
    expect(sniffPhoto(ftyp('heic').subarray(0, 12))).toBeNull();
    expect(sniffPhoto(Buffer.from([0xff, 0xd8]))).toBeNull();
  });
});
