/** A whole number as typed; anything else stays text, for the shared schema to refuse next to its field. */
export function wholeNumberOrText(typed: string): number | string {
  const text = typed.trim();
  return /^\d+$/.test(text) ? Number(text) : text;
}
