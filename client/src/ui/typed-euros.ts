// Amounts are typed in euros the French way ("649,90", "1 200"); the API counts cents.

/** Cents as a field shows them: `649,90`, `1200` (no `,00`); empty for none. */
export function eurosText(cents: number | null): string {
  return cents === null ? '' : (cents / 100).toFixed(2).replace('.', ',').replace(/,00$/, '');
}

/** Cents, null when empty, undefined when the text is no amount. */
export function parseEuros(text: string): number | null | undefined {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (!compact) return null;
  if (!/^\d+(\.\d{1,2})?$/.test(compact)) return undefined;
  return Math.round(Number(compact) * 100);
}
