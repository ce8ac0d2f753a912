import type { DataSource } from 'typeorm';
import type { EquipmentKind } from '@preau/shared';

export interface Scenario {
  id: 'school-kind' | 'free-text';
  /** For the table. */
  title: string;
  /** Query string of GET /api/v1/equipment, with its `?`. */
  search: string;
  /** Why this query: what was picked and how many items match. */
  note: string;
}

export const LIST_PATH = '/api/v1/equipment';

const KIND: EquipmentKind = 'laptop';
/** A free-text search a person would type: a serial's first characters, matching a modest number of items. */
const FREE_TEXT = { minLength: 4, minMatches: 10, maxMatches: 100, candidates: 40 } as const;

/** The school with the median number of laptops in service: a typical school's laptop list. */
export async function schoolAndKindScenario(dataSource: DataSource): Promise<Scenario> {
  const rows: { schoolId: number | string; n: number | string }[] = await dataSource.query(
    `SELECT school_id AS schoolId, COUNT(*) AS n FROM equipment
      WHERE kind = ? AND status <> 'retired' AND school_id IS NOT NULL
      GROUP BY school_id ORDER BY COUNT(*), school_id`,
    [KIND],
  );
  const median = rows[Math.floor(rows.length / 2)];
  if (!median) throw new Error(`No school has a ${KIND}`);
  return {
    id: 'school-kind',
    title: `school + kind=${KIND}`,
    search: `?schoolId=${Number(median.schoolId)}&kind=${KIND}`,
    note: `school ${Number(median.schoolId)}, ${Number(median.n)} ${KIND}s in service (the median of ${rows.length} schools)`,
  };
}

/** Serials spread over the table in id order, to take a search from. */
export async function serialCandidates(dataSource: DataSource): Promise<string[]> {
  const [{ n }] = (await dataSource.query('SELECT COUNT(*) AS n FROM equipment')) as [{ n: number | string }];
  const step = Math.max(1, Math.floor(Number(n) / FREE_TEXT.candidates));
  const serials: string[] = [];
  for (let i = 0; i < FREE_TEXT.candidates; i++) {
    const rows: { serial: string | null }[] = await dataSource.query('SELECT serial FROM equipment ORDER BY id LIMIT 1 OFFSET ?', [i * step]);
    if (rows[0]?.serial) serials.push(rows[0].serial);
  }
  return serials;
}

/**
 * The shortest prefix (four characters or more) of a candidate serial's first word for which
 * the app's search finds 10 to 100 items; `totalFor` asks the running app.
 */
export async function freeTextScenario(serials: string[], totalFor: (search: string) => Promise<number>): Promise<Scenario> {
  for (const serial of serials) {
    const word = serial.toLowerCase().split(/[^\p{L}\p{N}]+/u)[0] ?? '';
    for (let length = FREE_TEXT.minLength; length <= word.length; length++) {
      const q = word.slice(0, length);
      const search = `?q=${encodeURIComponent(q)}`;
      const total = await totalFor(search);
      if (total < FREE_TEXT.minMatches) break;
      if (total <= FREE_TEXT.maxMatches) {
        return { id: 'free-text', title: `free text q=${q}`, search, note: `prefix "${q}" of serial ${serial}, ${total} items match` };
      }
    }
  }
  throw new Error(`No serial prefix matches ${FREE_TEXT.minMatches} to ${FREE_TEXT.maxMatches} items`);
}
