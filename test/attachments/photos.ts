import sharp from 'sharp';

/** The EXIF tag pointing at the GPS block (latitude, longitude…). */
export const GPS_INFO_TAG = 0x8825;

const solid = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 40 } } });

/**
 * A phone photo as it leaves an iPhone: a JPEG, stored sideways with EXIF orientation 6
 * (so 64×32 on disk, 32×64 upright), the camera model and the GPS position of the school.
 */
export function phoneJpeg(): Promise<Buffer> {
  return solid(64, 32)
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'Apple', Model: 'iPhone 15', Copyright: 'Marie Hoarau' },
      IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '20/1 52/1 4200/100', GPSLongitudeRef: 'E', GPSLongitude: '55/1 27/1 1800/100' },
    })
    .toBuffer();
}

export const png = (width = 40, height = 30) => solid(width, height).png().withExif({ IFD0: { Model: 'Pixel 8' } }).toBuffer();
export const webp = () => solid(30, 20).webp().toBuffer();
/** HEIF with AV1 inside (AVIF): the HEIF container the bundled libvips can decode. */
export const avifHeif = () => solid(30, 20).heif({ compression: 'av1' }).toBuffer();

/** The first bytes of an iPhone HEIC file (an `ftyp` box of brand `heic`) with no image after them. */
export function brokenHeic(): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypheic', 4, 'latin1');
  ftyp.write('mif1heic', 16, 'latin1');
  return Buffer.concat([ftyp, Buffer.alloc(64)]);
}

export const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script></svg>');
export const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/** Tag numbers of IFD0 in an EXIF block as sharp returns it (`Exif\0\0` then a TIFF header). */
export function exifIfd0Tags(exif: Buffer): number[] {
  const tiff = exif.subarray(6);
  const little = tiff.toString('latin1', 0, 2) === 'II';
  const u16 = (at: number) => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number) => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  const ifd = u32(4);
  return Array.from({ length: u16(ifd) }, (_, i) => u16(ifd + 2 + i * 12));
}

/** JPEG segment markers before the image data: APP1 (EXIF, XMP) is 0xe1, APP2 (ICC) 0xe2, APP13 (IPTC) 0xed, COM 0xfe. */
export function jpegMarkers(jpeg: Buffer): number[] {
  const markers: number[] = [];
  for (let at = 2; at + 4 <= jpeg.length && jpeg[at] === 0xff; ) {
    const marker = jpeg[at + 1]!;
    if (marker === 0xda) break;
    markers.push(marker);
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  return markers;
}

/** PNG chunk types in file order (`eXIf`, `tEXt`, `iTXt`, `zTXt` carry metadata). */
export function pngChunks(bytes: Buffer): string[] {
  const chunks: string[] = [];
  for (let at = 8; at + 8 <= bytes.length; at += 12 + bytes.readUInt32BE(at)) chunks.push(bytes.toString('latin1', at + 4, at + 8));
  return chunks;
}
