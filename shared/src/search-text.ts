/** Lower-case, accents removed, so "Écran" and "ecran" meet: how every search here compares text. */
export function normaliseSearchText(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}
