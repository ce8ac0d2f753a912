/**
 * The q-quantile (0 to 1) of values sorted in increasing order, interpolating linearly between
 * the two nearest ranks (the method of spreadsheets' PERCENTILE.INC): the median of 1, 2, 3, 10
 * is 2.5, their 90th percentile 7.9. Null for no values.
 */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  return low + (sorted[above]! - low) * (position - below);
}
