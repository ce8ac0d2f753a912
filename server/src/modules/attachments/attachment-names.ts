import type { AttachmentMediaType } from '@preau/shared';

const EXTENSION: Record<AttachmentMediaType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

const MAX_STEM = 120;

/**
 * The name shown and offered on download: the last segment of what the browser sent, without
 * control or bidirectional-override characters (`photo\u202Egpj.exe`), and with the extension
 * of the stored type, since the content decides the type (an iPhone's `IMG_0001.HEIC` is
 * stored as `IMG_0001.jpg`).
 */
export function attachmentName(uploaded: string, mediaType: AttachmentMediaType): string {
  const last = uploaded.split(/[/\\]/).pop() ?? '';
  const clean = last.normalize('NFC').replace(/[\p{Cc}\p{Cf}]/gu, '').trim();
  const stem = clean.replace(/\.[^.]*$/, '').replace(/^[.\s]+/, '').trim();
  const short = Array.from(stem).slice(0, MAX_STEM).join('').trim();
  return `${short || 'photo'}.${EXTENSION[mediaType]}`;
}

/** `Content-Disposition` showing the image in the browser, with its UTF-8 name (RFC 6266, RFC 8187). */
export function inlineDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `inline; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
