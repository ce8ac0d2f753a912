import { type FundingSource, type SchoolType, uaiCheckLetter } from '@preau/shared';
import { apportion } from '../../db/seeds/lib/apportion';
import type { SeedItem, SeedRoom } from '../../db/seeds/lib/dataset';
import { addDays, addYears } from '../../db/seeds/lib/dates';
import { CLASSES_MOBILES } from '../../db/seeds/lib/funding';
import { ItemFactory } from '../../db/seeds/lib/item-factory';
import type { Random } from '../../db/seeds/lib/random';
import { type FleetPlan, buildSchoolFleet, fixedItemCount } from '../../db/seeds/lib/school-fleet';
import { LEVELS, classroomNames, schoolRooms } from '../../db/seeds/lib/school-rooms';
import type { ScaleProfile } from './dashboard-profile';

/**
 * The académie of the dashboard bench as plain values with their database ids already chosen
 * (the generator writes into an empty database): its circonscriptions and communes, the city
 * timed on its own first, then every school with its rooms and items, made by the demo's
 * building blocks (db/seeds/lib), and the schools' mobile-class plans.
 */
export interface ScaleFleet {
  academy: { id: number; code: string; name: string };
  circonscriptions: { id: number; name: string }[];
  communes: PlannedCommune[];
  schools: PlannedSchool[];
}

interface PlannedCommune {
  id: number;
  inseeCode: string;
  name: string;
}

export interface PlannedSchool {
  id: number;
  uai: string;
  name: string;
  type: SchoolType;
  communeId: number;
  circonscriptionId: number;
  rooms: (SeedRoom & { id: number })[];
  /** Containers before their contents. */
  items: PlannedItem[];
  mobileClassPlan: { trolleysPlanned: number; dueOn: string; programme: string | null } | null;
}

export interface PlannedItem extends SeedItem {
  id: number;
  roomId: number | null;
  containerId: number | null;
}

/** The five départements of the académie (Montpellier's), which start every INSEE code and UAI. */
const DEPARTEMENTS = ['034', '030', '066', '011', '048'] as const;
/** Schools per commune outside the city: most communes have one or two, a few towns a dozen or more. */
const COMMUNE_SIZES = { 1: 45, 2: 20, 3: 10, small_town: 12, town: 8, large_town: 5 } as const;
const SCHOOLS_PER_CIRCONSCRIPTION = 30;
const SCHOOL_TYPES = { EE: 45, EP: 35, EM: 20 } as const;
/** Schools equipped to the national plan: a display and a teacher laptop in every classroom. */
const WELL_EQUIPPED_SHARE = 0.25;
/** Loose items bought 9 to 12 years ago, older than the catalogue's ages: the fleet's tail. */
const OLD_ITEM_SHARE = 0.08;
/** Tablets stored in a trolley are looked after: few are out of service (so most trolleys are complete). */
const TROLLEY_TABLET_STATUS = { in_service: 97.5, broken: 1, in_repair: 1, lost: 0.5 } as const;

interface SchoolDraft {
  type: SchoolType;
  communeIndex: number;
  classrooms: string[];
  wellEquipped: boolean;
  plan: Omit<FleetPlan, 'classroomComputers'>;
  classroomComputers: number;
}

/** Builds the whole académie for `profile`, the same on every run for the same `today`. */
export function planScaleFleet(profile: ScaleProfile, rng: Random, today: string): ScaleFleet {
  const communeSizes = [profile.city.schools, ...otherCommuneSizes(profile.schools - profile.city.schools, rng)];
  const communes: PlannedCommune[] = communeSizes.map((_, index) => {
    const departement = DEPARTEMENTS[index % DEPARTEMENTS.length]!;
    const number = Math.floor(index / DEPARTEMENTS.length) + 1;
    if (number > 999) throw new Error(`Too many communes for ${DEPARTEMENTS.length} départements`);
    return {
      id: index + 1,
      inseeCode: `${departement.slice(1)}${String(number).padStart(3, '0')}`,
      name: index === 0 ? `Ville d'essai (${profile.city.schools} écoles)` : `Commune d'essai ${String(index).padStart(4, '0')}`,
    };
  });

  const drafts: SchoolDraft[] = [];
  communeSizes.forEach((size, communeIndex) => {
    for (let i = 0; i < size; i++) drafts.push(draftSchool(communeIndex, size, rng));
  });
  const cityDrafts = drafts.slice(0, profile.city.schools);
  const otherDrafts = drafts.slice(profile.city.schools);
  shareClassroomComputers(cityDrafts, profile.city.items, 'the city');
  shareClassroomComputers(otherDrafts, profile.items - profile.city.items, 'the other communes');

  // The city has two circonscriptions of its own; elsewhere a circonscription takes the next thirty schools.
  const circonscriptionOf: number[] = [];
  const cityHalf = Math.ceil(profile.city.schools / 2);
  drafts.forEach((_, index) => {
    if (index < profile.city.schools) circonscriptionOf.push(index < cityHalf ? 1 : 2);
    else circonscriptionOf.push(3 + Math.floor((index - profile.city.schools) / SCHOOLS_PER_CIRCONSCRIPTION));
  });
  const circonscriptionCount = Math.max(...circonscriptionOf);
  const circonscriptions = Array.from({ length: circonscriptionCount }, (_, i) => ({
    id: i + 1,
    name: i < 2 ? `Circonscription Ville d'essai ${i + 1}` : `Circonscription d'essai ${String(i - 1).padStart(3, '0')}`,
  }));

  const factory = new ItemFactory(rng, today);
  const uaiNumbers = new Map<string, number>();
  let nextRoomId = 1;
  let nextItemId = 1;
  const schools = drafts.map((draft, index): PlannedSchool => {
    const commune = communes[draft.communeIndex]!;
    const departement = DEPARTEMENTS[draft.communeIndex % DEPARTEMENTS.length]!;
    const number = (uaiNumbers.get(departement) ?? 0) + 1;
    uaiNumbers.set(departement, number);
    const stem = `${departement}${String(number).padStart(4, '0')}`;
    const uai = stem + uaiCheckLetter(stem);
    const rooms = schoolRooms(draft.classrooms).map((room) => ({ ...room, id: nextRoomId++ }));
    const seedItems = schoolItems(factory, rng, today, draft, { uai, commune });
    if (draft.wellEquipped) giveEveryClassroomALaptop(factory, seedItems, draft.classrooms, { uai, commune });
    const roomIds = new Map(rooms.map((room) => [room.name, room.id]));
    const itemIds = new Map<string, number>();
    const items = seedItems.map((item): PlannedItem => {
      const id = nextItemId++;
      itemIds.set(item.assetTag, id);
      return {
        ...item,
        id,
        roomId: item.roomName === null ? null : required(roomIds.get(item.roomName), `room ${item.roomName} of ${uai}`),
        containerId: item.containerAssetTag === null ? null : required(itemIds.get(item.containerAssetTag), `container ${item.containerAssetTag}`),
      };
    });
    const typeName = draft.type === 'EM' ? 'maternelle' : draft.type === 'EE' ? 'élémentaire' : 'primaire';
    return {
      id: index + 1,
      uai,
      name: `École ${typeName} n° ${index + 1} (${commune.name})`,
      type: draft.type,
      communeId: commune.id,
      circonscriptionId: circonscriptionOf[index]!,
      rooms,
      items,
      mobileClassPlan: mobileClassPlan(draft.plan.trolleys, rng, today),
    };
  });

  const cityItems = schools.slice(0, profile.city.schools).reduce((sum, school) => sum + school.items.length, 0);
  const allItems = schools.reduce((sum, school) => sum + school.items.length, 0);
  if (cityItems !== profile.city.items || allItems !== profile.items) {
    throw new Error(`Generated ${cityItems} items in the city and ${allItems} in all, instead of ${profile.city.items} and ${profile.items}`);
  }
  return { academy: { id: 1, code: `bench-${profile.name}`, name: "Académie d'essai" }, circonscriptions, communes, schools };
}

function otherCommuneSizes(schools: number, rng: Random): number[] {
  const sizes: number[] = [];
  let left = schools;
  while (left > 0) {
    const bucket = rng.weighted(COMMUNE_SIZES);
    const size = bucket === 'small_town' ? rng.int(4, 6) : bucket === 'town' ? rng.int(7, 12) : bucket === 'large_town' ? rng.int(13, 30) : Number(bucket);
    sizes.push(Math.min(size, left));
    left -= size;
  }
  return sizes;
}

function draftSchool(communeIndex: number, communeSchools: number, rng: Random): SchoolDraft {
  const city = communeIndex === 0;
  const village = communeSchools <= 2;
  const type: SchoolType = village ? (rng.chance(0.7) ? 'EP' : 'EE') : rng.weighted(SCHOOL_TYPES);
  const classes = village ? rng.int(1, 5) : type === 'EM' ? rng.int(3, 7) : type === 'EE' ? rng.int(5, 15) : rng.int(4, 12);
  const classrooms = classroomNames(classes, LEVELS[type as keyof typeof LEVELS]);
  const wellEquipped = rng.chance(WELL_EQUIPPED_SHARE);
  const interactiveDisplays = rng.int(0, Math.min(city ? 4 : 2, classes));
  const displays = wellEquipped ? classes : Math.min(classes, interactiveDisplays + rng.int(0, 3));
  return {
    type,
    communeIndex,
    classrooms,
    wellEquipped,
    plan: {
      copiers: city ? rng.int(1, 2) : 1,
      interactiveDisplays,
      projectors: displays - interactiveDisplays,
      documentCameras: rng.int(0, city ? 3 : 2),
      wifiAps: rng.int(1, city ? 6 : 4),
      trolleys: city ? rng.int(0, 2) : rng.chance(0.3) ? 1 : 0,
    },
    classroomComputers: 0,
  };
}

/** A teacher's computer in every classroom, and what the budget leaves in proportion to the classes. */
function shareClassroomComputers(drafts: SchoolDraft[], items: number, where: string): void {
  const fixed = drafts.reduce((sum, draft) => sum + fixedItemCount(draft.plan) + draft.classrooms.length, 0);
  if (fixed > items) throw new Error(`${items} items are too few for the ${drafts.length} schools of ${where} (${fixed} at least)`);
  const extra = apportion(items - fixed, drafts.map((draft) => draft.classrooms.length));
  drafts.forEach((draft, i) => (draft.classroomComputers = draft.classrooms.length + extra[i]!));
}

interface Where {
  uai: string;
  commune: PlannedCommune;
}

const placementOf = ({ uai, commune }: Where, roomName: string | null) => ({
  communeInseeCode: commune.inseeCode,
  assetTagPrefix: `E${commune.inseeCode}`,
  schoolUai: uai,
  roomName,
});

function schoolItems(factory: ItemFactory, rng: Random, today: string, draft: SchoolDraft, where: Where): SeedItem[] {
  const school = { ...placementOf(where, null), uai: where.uai, classrooms: draft.classrooms };
  const items = buildSchoolFleet(factory, rng, school, { ...draft.plan, classroomComputers: draft.classroomComputers }, { pupilLaptopShare: 0.3 });
  return items.map((item) => {
    if (item.containerAssetTag !== null && item.kind === 'tablet') return { ...item, status: rng.weighted(TROLLEY_TABLET_STATUS) };
    if (item.containerAssetTag === null && item.kind !== 'trolley' && rng.chance(OLD_ITEM_SHARE)) {
      const warrantyYears = Number(item.warrantyEndsOn!.slice(0, 4)) - Number(item.purchaseDate.slice(0, 4));
      const purchaseDate = addDays(today, -rng.int(9 * 365, 12 * 365));
      return { ...item, purchaseDate, warrantyEndsOn: addYears(purchaseDate, warrantyYears) };
    }
    return item;
  });
}

/** Swaps the desktop of each classroom without a laptop for a laptop in service, in place. */
function giveEveryClassroomALaptop(factory: ItemFactory, items: SeedItem[], classrooms: readonly string[], where: Where): void {
  for (const classroom of classrooms) {
    const loose = (item: SeedItem) => item.roomName === classroom && item.containerAssetTag === null;
    if (items.some((item) => loose(item) && item.kind === 'laptop')) continue;
    const index = items.findIndex((item) => loose(item) && item.kind === 'desktop');
    if (index < 0) continue;
    const desktop = items[index]!;
    const funding: FundingSource = desktop.funding;
    items[index] = factory.item({ kind: 'laptop', status: 'in_service', placement: placementOf(where, classroom), funding, hostname: desktop.hostname });
  }
}

/** Most schools with trolleys have a plan, a third of them with more to come; a few plan their first. */
function mobileClassPlan(delivered: number, rng: Random, today: string): PlannedSchool['mobileClassPlan'] {
  if (delivered > 0 ? !rng.chance(0.85) : !rng.chance(0.06)) return null;
  const more = delivered === 0 ? rng.int(1, 3) : rng.chance(0.3) ? rng.int(1, 2) : 0;
  return {
    trolleysPlanned: delivered + more,
    dueOn: more > 0 ? addDays(today, rng.int(30, 365)) : addDays(today, -rng.int(30, 3 * 365)),
    programme: rng.chance(0.7) ? CLASSES_MOBILES.name : null,
  };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`Unknown ${what}`);
  return value;
}
