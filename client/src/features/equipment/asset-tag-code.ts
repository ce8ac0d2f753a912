/**
 * The asset tag a scanned code stands for: labels print `https://<host>/r/<assetTag>` as a QR code
 * (the report page's address), older labels the bare asset tag. Null for anything else.
 */
export function assetTagFromCode(raw: string): string | null {
  const text = raw.trim();
  if (!text) return null;
  const path = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? pathOf(text) : text.startsWith('/') ? text : null;
  if (path !== null) {
    const match = /^\/r\/([^/?#]+)\/?$/.exec(path);
    if (!match) return null;
    try {
      return decodeURIComponent(match[1]!).toUpperCase();
    } catch {
      return null;
    }
  }
  // The shared schema's asset tag shape: letters, digits and . _ - / only.
  return /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,49}$/.test(text) ? text.toUpperCase() : null;
}

function pathOf(url: string): string | null {
  try {
    return new URL(url).pathname;
  } catch {
    return null;
  }
}
