import sharp from 'sharp';
import decodeHeic from 'heic-decode';
import { ATTACHMENT_MAX_DIMENSION, type AttachmentMediaType } from '@preau/shared';
import { AppError } from '../../http/app-error';
import { sniffPhoto, type PhotoFormat } from './image-sniff';

export interface CleanPhoto {
  bytes: Buffer;
  mediaType: AttachmentMediaType;
  width: number;
  height: number;
}

/**
 * Decoded size refused beyond 100 megapixels: a small file can inflate to gigabytes of pixels.
 * Phone cameras stay well below (a 48 MP iPhone photo).
 */
const MAX_INPUT_PIXELS = 100_000_000;

/** HEIC/HEIF becomes JPEG, which every browser shows; the others keep their type. */
const OUTPUT: Record<PhotoFormat, AttachmentMediaType> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  heif: 'image/jpeg',
};

export const ACCEPTED_PHOTOS = 'JPEG, PNG, WebP or HEIC';

const notAPhoto = () =>
  new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `Only photos can be attached: ${ACCEPTED_PHOTOS} (the content is checked, not the file name)`);

const unreadable = (format: PhotoFormat) =>
  format === 'heif'
    ? new AppError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'This HEIC photo cannot be read by the server. On the iPhone, choose Settings › Camera › Formats › Most Compatible, ' +
          'or share the photo as JPEG, then attach it again',
      )
    : new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', `The file looks like a ${format.toUpperCase()} image but cannot be read: it may be damaged`);

/**
 * Checks that the bytes are a photo (by content only) and re-encodes it: turned upright from
 * its EXIF orientation, scaled to fit ATTACHMENT_MAX_DIMENSION, and written without any
 * metadata (EXIF with the GPS position, XMP, IPTC, ICC profile, comments). 415 otherwise.
 */
export async function cleanPhoto(input: Buffer): Promise<CleanPhoto> {
  const format = sniffPhoto(input);
  if (!format) throw notAPhoto();
  const image = sharp(input, { failOn: 'error', limitInputPixels: MAX_INPUT_PIXELS });
  let meta: sharp.Metadata;
  try {
    meta = await image.metadata();
  } catch (error) {
    throw tooLarge(error) ?? unreadable(format);
  }
  // libvips reads the content too: a file must be what its first bytes say, nothing else.
  if (meta.format !== format) throw unreadable(format);

  const mediaType = OUTPUT[format];
  const source = format === 'heif' && meta.compression === 'hevc' ? await decodeHevc(input) : image;
  const pipeline = source
    .rotate()
    .resize({ width: ATTACHMENT_MAX_DIMENSION, height: ATTACHMENT_MAX_DIMENSION, fit: 'inside', withoutEnlargement: true });
  // No withMetadata()/keepExif(): sharp then writes none of the input's metadata.
  if (mediaType === 'image/jpeg') pipeline.jpeg({ quality: 85 });
  else if (mediaType === 'image/png') pipeline.png();
  else pipeline.webp({ quality: 85 });
  try {
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { bytes: data, mediaType, width: info.width, height: info.height };
  } catch (error) {
    throw tooLarge(error) ?? unreadable(format);
  }
}

/**
 * iPhones' HEIC is HEVC-coded: libvips ships without that patented decoder, so libheif's
 * WebAssembly build decodes the primary image (already turned upright) to pixels for sharp.
 */
async function decodeHevc(input: Buffer): Promise<sharp.Sharp> {
  const images = await decodeHeic.all({ buffer: input }).catch(() => {
    throw unreadable('heif');
  });
  try {
    const [primary] = images;
    if (!primary) throw unreadable('heif');
    if (primary.width * primary.height > MAX_INPUT_PIXELS) throw tooManyPixels();
    const { width, height, data } = await primary.decode().catch(() => {
      throw unreadable('heif');
    });
    return sharp(Buffer.from(data.buffer, data.byteOffset, data.byteLength), { raw: { width, height, channels: 4 }, limitInputPixels: MAX_INPUT_PIXELS });
  } finally {
    images.dispose();
  }
}

/** sharp's "pixel limit" failure as the 413 it means; null for any other error. */
function tooLarge(error: unknown): AppError | null {
  return error instanceof Error && /pixel limit/i.test(error.message) ? tooManyPixels() : null;
}

const tooManyPixels = () => new AppError(413, 'PAYLOAD_TOO_LARGE', `The photo has more than ${MAX_INPUT_PIXELS / 1_000_000} megapixels`);
