import sharp from 'sharp';
import { ATTACHMENT_MAX_DIMENSION } from '@preau/shared';
import { AppError } from '../../../http/app-error';
import { GPS_INFO_TAG, PDF, SVG, avifHeif, brokenHeic, exifIfd0Tags, jpegMarkers, phoneJpeg, png, pngChunks, webp } from '../../../../../test/attachments/photos';
import { cleanPhoto } from '../clean-photo';

/** The AppError `cleanPhoto` rejects with. */
async function refusal(bytes: Buffer): Promise<AppError> {
  const error: unknown = await cleanPhoto(bytes).then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe('cleanPhoto', () => {
  it('turns a phone JPEG upright and drops its EXIF, GPS position included', async () => {
    const input = await phoneJpeg();
    const before = await sharp(input).metadata();
    // The fixture really carries what must go.
    expect(before.orientation).toBe(6);
    expect(exifIfd0Tags(before.exif!)).toContain(GPS_INFO_TAG);
    expect(jpegMarkers(input)).toContain(0xe1);

    const out = await cleanPhoto(input);
    const after = await sharp(out.bytes).metadata();
    expect(out).toMatchObject({ mediaType: 'image/jpeg', width: 32, height: 64 });
    expect(after).toMatchObject({ format: 'jpeg', width: 32, height: 64 });
    expect(after.orientation).toBeUndefined();
    expect(after.exif).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(after.icc).toBeUndefined();
    // No APP1 (EXIF, XMP), APP2 (ICC), APP13 (IPTC) or comment segment at all.
    expect(jpegMarkers(out.bytes).filter((m) => [0xe1, 0xe2, 0xed, 0xfe].includes(m))).toEqual([]);
    expect(out.bytes.includes(Buffer.from('iPhone'))).toBe(false);
  });

  it('keeps PNG and WebP in their type, without metadata chunks', async () => {
    const input = await png();
    expect(pngChunks(input)).toContain('eXIf');
    const cleanPng = await cleanPhoto(input);
    expect(cleanPng).toMatchObject({ mediaType: 'image/png', width: 40, height: 30 });
    expect(pngChunks(cleanPng.bytes).filter((c) => ['eXIf', 'tEXt', 'iTXt', 'zTXt', 'iCCP'].includes(c))).toEqual([]);
    const cleanWebp = await cleanPhoto(await webp());
    expect(cleanWebp).toMatchObject({ mediaType: 'image/webp', width: 30, height: 20 });
    expect((await sharp(cleanWebp.bytes).metadata()).format).toBe('webp');
  });

  it('turns a HEIF photo it can decode into JPEG', async () => {
    const out = await cleanPhoto(await avifHeif());
    expect(out).toMatchObject({ mediaType: 'image/jpeg', width: 30, height: 20 });
    expect((await sharp(out.bytes).metadata()).format).toBe('jpeg');
  });

  it('refuses a HEIC photo it cannot decode with a 415 saying what to do on the iPhone', async () => {
    const error = await refusal(brokenHeic());
    expect(error).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(error.message).toMatch(/HEIC.*Most Compatible/);
  });

  it('scales large photos down to the maximum side', async () => {
    const wide = await sharp({ create: { width: ATTACHMENT_MAX_DIMENSION + 1000, height: 50, channels: 3, background: 'white' } }).jpeg().toBuffer();
    const out = await cleanPhoto(wide);
    expect(out.width).toBe(ATTACHMENT_MAX_DIMENSION);
    expect(out.height).toBeLessThan(50);
  });

  it('refuses SVG, PDF, text and damaged images with 415', async () => {
    for (const bytes of [SVG, PDF, Buffer.from('pas une image')]) {
      expect(await refusal(bytes)).toMatchObject({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
    }
    const truncated = (await phoneJpeg()).subarray(0, 200);
    expect(await refusal(truncated)).toMatchObject({ status: 415, message: expect.stringMatching(/JPEG.*damaged/) });
  });
});
