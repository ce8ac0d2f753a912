import { uaiCheckLetter } from '@preau/shared';
import { apportion } from '../lib/apportion';
import type { SeedDataset, SeedItem, SeedSchool } from '../lib/dataset';
import { ItemFactory, type WarrantyState } from '../lib/item-factory';
import { createRandom, type Random } from '../lib/random';
import { type FleetOptions, type FleetPlan, buildSchoolFleet } from '../lib/school-fleet';
import { classroomNames, schoolRooms } from '../lib/school-rooms';

/**
 * The demo commune, shaped on Saint-Denis (La Réunion) as its agreement with the académie
 * describes it: 44 elementary schools, over 1,100 desktops and laptops, 77 copiers,
 * 10 interactive displays and 40 mobile classes.
 */

export const DEMO_ACADEMY = { code: 'reunion', name: 'Académie de La Réunion' } as const;
export const DEMO_COMMUNE = { inseeCode: '97411', name: 'Saint-Denis' } as const;
export const DEMO_CIRCONSCRIPTIONS = ['Saint-Denis 1', 'Saint-Denis 2', 'Saint-Denis 3', 'Saint-Denis 4'] as const;
export const DEMO_ASSET_TAG_PREFIX = 'SDN';

/** The day the demo is generated against when none is given; the loader passes the real day. */
export const DEMO_REFERENCE_DATE = '2026-09-01';

export const DEMO_FIGURES = {
  schools: 44,
  desktopsAndLaptops: 1104,
  copiers: 77,
  interactiveDisplays: 10,
  trolleys: 40,
} as const;

const SEED = 97411;

/** Name, street and postal code of each school; the first is the one the demo accounts belong to. */
const SCHOOLS: readonly (readonly [name: string, street: string, postalCode: '97400' | '97490'])[] = [
  ['Les Camélias', 'rue Jules Auber', '97400'],
  ['Jean Jaurès', 'rue Jean Chatel', '97400'],
  ['Victor Hugo', 'rue de Paris', '97400'],
  ['Champ Fleuri', 'rue Roland Garros', '97490'],
  ['La Source', 'rue de la Source', '97400'],
  ['Bellepierre', 'route de Bellepierre', '97400'],
  ['Le Butor', 'rue du Butor', '97490'],
  ['Montgaillard', 'chemin de Montgaillard', '97400'],
  ['La Bretagne', 'chemin de la Bretagne', '97490'],
  ['Primat', 'rue Paul Hermann', '97400'],
  ['Les Flamboyants', 'allée des Flamboyants', '97490'],
  ['Raymond Vergès', 'boulevard du Chaudron', '97490'],
  ['Jules Ferry', 'rue Pasteur', '97400'],
  ['Leconte de Lisle', 'rue Labourdonnais', '97400'],
  ['Juliette Dodu', 'rue Juliette Dodu', '97400'],
  ['Évariste de Parny', 'rue Sainte-Anne', '97400'],
  ['Auguste Lacaussade', 'rue Félix Guyon', '97400'],
  ['Lislet Geoffroy', 'rue du Maréchal Leclerc', '97400'],
  ['Les Tamarins', 'chemin Finette', '97490'],
  ['Les Vacoas', 'rue des Vacoas', '97490'],
  ['Les Lataniers', 'rue des Lataniers', '97400'],
  ['Bois de Nèfles', 'chemin Bois de Nèfles', '97490'],
  ['Moufia', 'chemin Moufia', '97490'],
  ['Domenjod', 'route de Domenjod', '97490'],
  ['Vauban', 'rue Vauban', '97400'],
  ['La Providence', 'chemin de la Providence', '97400'],
  ['Les Bougainvillées', 'rue des Bougainvillées', '97490'],
  ['Les Hibiscus', 'allée des Hibiscus', '97490'],
  ['Les Manguiers', 'rue des Manguiers', '97490'],
  ['Les Badamiers', 'rue des Badamiers', '97400'],
  ['Les Frangipaniers', 'allée des Frangipaniers', '97490'],
  ['Château Morange', 'chemin Château Morange', '97400'],
  ['Commune Prima', 'rue Commune Prima', '97490'],
  ['Bas de la Rivière', 'rue de la Digue', '97400'],
  ['Jacques Prévert', 'avenue Georges Brassens', '97490'],
  ['Paul Éluard', 'rue Paul Éluard', '97490'],
  ['Marie Curie', 'rue Monseigneur de Beaumont', '97400'],
  ['Louise Michel', 'rue Fénelon', '97400'],
  ['Condorcet', 'rue Sainte-Marie', '97400'],
  ['Émile Zola', 'chemin Vavangue', '97490'],
  ['Sainte-Clotilde', 'rue du Général de Gaulle', '97490'],
  ['Le Chaudron', 'rue Georges Pompidou', '97490'],
  ['Les Lilas', 'rue des Lilas', '97490'],
  ['Saint-François', 'chemin Saint-François', '97400'],
];

/** Every funding source, under and past warranty, on the first school's first computers. */
const FIRST_SCHOOL_COMPUTERS: FleetOptions['computerProfiles'] = (['commune', 'state_subsidy', 'school_funds', 'donation'] as const).flatMap(
  (funding) => (['under', 'past'] as WarrantyState[]).map((warranty) => ({ funding, warranty })),
);

export interface DemoOptions {
  /** YYYY-MM-DD; purchase dates and warranties are placed relative to it. */
  today?: string;
}

/** The whole demo; the same `today` always gives the same data, to the byte. */
export function generateDemo({ today = DEMO_REFERENCE_DATE }: DemoOptions = {}): SeedDataset {
  const rng = createRandom(SEED);
  const factory = new ItemFactory(rng, today);
  const count = SCHOOLS.length;

  const uais = uniqueUais(rng, count);
  const classCounts = SCHOOLS.map((_, i) => (i === 0 ? 10 : rng.int(6, 14)));
  const officeAndTrolleyComputers = 2 * count + DEMO_FIGURES.trolleys;
  const classroomComputers = apportion(DEMO_FIGURES.desktopsAndLaptops - officeAndTrolleyComputers, classCounts);
  const withSecondCopier = new Set(rng.shuffle(range(count)).slice(0, DEMO_FIGURES.copiers - count));
  const withDisplay = new Set(rng.shuffle(range(count)).slice(0, DEMO_FIGURES.interactiveDisplays));
  const withTrolley = new Set([0, ...rng.shuffle(range(count).slice(1)).slice(0, DEMO_FIGURES.trolleys - 1)]);

  const schools: SeedSchool[] = [];
  const items: SeedItem[] = [];
  SCHOOLS.forEach(([name, street, postalCode], i) => {
    const uai = uais[i]!;
    const classrooms = classroomNames(classCounts[i]!);
    schools.push({
      uai,
      name: `École élémentaire ${name}`,
      type: 'EE',
      address: `${rng.int(1, 180)} ${street}`,
      postalCode,
      communeInseeCode: DEMO_COMMUNE.inseeCode,
      circonscriptionName: DEMO_CIRCONSCRIPTIONS[Math.floor((i * DEMO_CIRCONSCRIPTIONS.length) / count)]!,
      rooms: schoolRooms(classrooms),
    });
    const plan: FleetPlan = {
      classroomComputers: classroomComputers[i]!,
      copiers: withSecondCopier.has(i) ? 2 : 1,
      interactiveDisplays: withDisplay.has(i) ? 1 : 0,
      trolleys: withTrolley.has(i) ? 1 : 0,
      projectors: rng.int(1, 3),
      documentCameras: rng.int(1, 2),
      wifiAps: rng.int(2, 4),
    };
    const options: FleetOptions = i === 0 ? { allInService: true, computerProfiles: FIRST_SCHOOL_COMPUTERS } : {};
    const fleetSchool = { uai, communeInseeCode: DEMO_COMMUNE.inseeCode, assetTagPrefix: DEMO_ASSET_TAG_PREFIX, classrooms };
    items.push(...buildSchoolFleet(factory, rng, fleetSchool, plan, options));
  });

  return {
    academy: { ...DEMO_ACADEMY },
    communes: [{ ...DEMO_COMMUNE }],
    circonscriptions: DEMO_CIRCONSCRIPTIONS.map((name) => ({ name })),
    schools,
    items,
  };
}

/** Distinct UAIs of the Réunion (974) with their check letters. */
function uniqueUais(rng: Random, count: number): string[] {
  const stems = new Set<string>();
  while (stems.size < count) stems.add(`974${String(rng.int(1, 1999)).padStart(4, '0')}`);
  return [...stems].map((stem) => stem + uaiCheckLetter(stem));
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
