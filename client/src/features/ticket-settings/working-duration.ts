// Service targets are stored in working minutes; people think of them in hours and minutes.

/** `480` → `8 h`, `450` → `7 h 30`, `45` → `45 min`: the way a target is shown and typed back. */
export function formatWorkingDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, '0')}`;
}

/**
 * Working minutes from what was typed: `8`, `8 h`, `7 h 30`, `7h30`, `7:30`, `7,5` or `7.5` (hours),
 * `45 min`. Null for anything else, left to the shared schema to refuse next to its field.
 */
export function parseWorkingDuration(typed: string): number | null {
  const text = typed.trim().toLowerCase().replace(/\s+/g, ' ');
  const minutesOnly = /^(\d{1,6}) ?min$/.exec(text);
  if (minutesOnly) return Number(minutesOnly[1]);
  const hoursAndMinutes = /^(\d{1,4}) ?(?:h|:) ?(?:(\d{1,2}) ?(?:min)?)?$/.exec(text);
  if (hoursAndMinutes) {
    const minutes = hoursAndMinutes[2] === undefined ? 0 : Number(hoursAndMinutes[2]);
    return minutes < 60 ? Number(hoursAndMinutes[1]) * 60 + minutes : null;
  }
  const decimalHours = /^(\d{1,4})(?:[.,](\d{1,2}))? ?(?:h)?$/.exec(text);
  if (decimalHours) return Math.round(Number(`${decimalHours[1]}.${decimalHours[2] ?? '0'}`) * 60);
  return null;
}
