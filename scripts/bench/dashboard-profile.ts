/** Sizes of a generated académie: the whole of it, and the one city timed on its own. */
export interface ScaleProfile {
  name: string;
  schools: number;
  items: number;
  tickets: number;
  /** The first commune, which holds exactly these (the commune dashboard). */
  city: { schools: number; items: number; tickets: number };
}

/**
 * What the issue asks for: the commune dashboard over 44 schools, 5,000 items and 50,000
 * tickets, within an académie of 4,000 schools, 200,000 items and 1,000,000 tickets.
 */
export const ACADEMY_PROFILE: ScaleProfile = {
  name: 'academy',
  schools: 4_000,
  items: 200_000,
  tickets: 1_000_000,
  city: { schools: 44, items: 5_000, tickets: 50_000 },
};

/** A few seconds' worth, for the generator's own test and quick runs of the bench. */
export const SMALL_PROFILE: ScaleProfile = {
  name: 'small',
  schools: 60,
  items: 3_000,
  tickets: 6_000,
  city: { schools: 8, items: 900, tickets: 1_500 },
};

export const PROFILES: Readonly<Record<string, ScaleProfile>> = { academy: ACADEMY_PROFILE, small: SMALL_PROFILE };

/**
 * Bump when the generated data changes, so a cached SQLite file made by an older generator
 * is not reused.
 */
export const GENERATOR_VERSION = 2;
