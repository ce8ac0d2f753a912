import type { EquipmentKind, EquipmentStatus, FundingSource } from '@preau/shared';
import type { SeedItem } from './dataset';
import { CLASSES_MOBILES, COMPUTER_FUNDING_MIX, SOCLE_NUMERIQUE, TERRITOIRES_NUMERIQUES, type StateProgramme } from './funding';
import type { ItemFactory, ItemSpec, Placement, WarrantyState } from './item-factory';
import type { Random } from './random';
import { DIRECTION, LIBRARY, SECRETARIAT, STAFF_ROOM, TECHNICAL_ROOM } from './school-rooms';

/** What a school holds beyond its base equipment (two office computers, a phone, a switch and a router). */
export interface FleetPlan {
  /** Teachers' and pupils' desktops and laptops, not counting the office computers and trolley laptops. */
  classroomComputers: number;
  copiers: number;
  interactiveDisplays: number;
  trolleys: number;
  projectors: number;
  documentCameras: number;
  wifiAps: number;
}

export interface FleetSchool {
  uai: string;
  communeInseeCode: string;
  assetTagPrefix: string;
  classrooms: readonly string[];
}

export interface FleetOptions {
  /** Every item in service (the school the demo accounts belong to). */
  allInService?: boolean;
  /** Funding and warranty forced on the school's first computers, in order. */
  computerProfiles?: readonly { funding: FundingSource; warranty: WarrantyState }[];
  /** Share of pupils' computers that are laptops rather than desktops (none by default). */
  pupilLaptopShare?: number;
}

/** A mobile class holds this many tablets, plus a laptop, a video projector and a wifi hotspot. */
export const TABLETS_PER_TROLLEY = 14;

/** Items `buildSchoolFleet` adds whatever the plan: two office computers, a phone, a switch and a router. */
const BASE_ITEMS = 5;
/** A trolley, its tablets, a laptop, a projector and a wifi hotspot. */
const ITEMS_PER_TROLLEY = 1 + TABLETS_PER_TROLLEY + 3;

/** How many items `buildSchoolFleet` makes for `plan`, its classroom computers aside. */
export function fixedItemCount(plan: Omit<FleetPlan, 'classroomComputers'>): number {
  return BASE_ITEMS + plan.copiers + plan.interactiveDisplays + plan.projectors + plan.documentCameras + plan.wifiAps + plan.trolleys * ITEMS_PER_TROLLEY;
}

const AUDIOVISUAL_FUNDING_MIX: Readonly<Record<FundingSource, number>> = {
  commune: 70,
  state_subsidy: 25,
  school_funds: 4,
  donation: 1,
};

const TROLLEY_FUNDING_MIX = { classes_mobiles: 55, socle: 30, commune: 15 } as const;

const COMPUTER_PROGRAMMES = [SOCLE_NUMERIQUE, TERRITOIRES_NUMERIQUES];

const PUPIL_COMPUTERS_IN_LIBRARY = 6;

/** Builds every item of one school, containers before their contents. */
export function buildSchoolFleet(
  factory: ItemFactory,
  rng: Random,
  school: FleetSchool,
  plan: FleetPlan,
  options: FleetOptions = {},
): SeedItem[] {
  const items: SeedItem[] = [];
  const status: EquipmentStatus | undefined = options.allInService ? 'in_service' : undefined;
  const at = (roomName: string, containerAssetTag: string | null = null): Placement => ({
    communeInseeCode: school.communeInseeCode,
    assetTagPrefix: school.assetTagPrefix,
    schoolUai: school.uai,
    roomName,
    containerAssetTag,
  });
  const host = (suffix: string) => `${school.uai.toLowerCase()}-${suffix}`;
  const counters = new Map<string, number>();
  const numbered = (prefix: string) => {
    const n = (counters.get(prefix) ?? 0) + 1;
    counters.set(prefix, n);
    return `${prefix}${String(n).padStart(2, '0')}`;
  };
  const add = (spec: Omit<ItemSpec, 'status'>) => {
    const item = factory.item({ ...spec, status });
    items.push(item);
    return item;
  };
  const classroom = (index: number) => school.classrooms[index % school.classrooms.length] ?? LIBRARY;

  let computerIndex = 0;
  const computer = (kind: 'desktop' | 'laptop', roomName: string, hostname: string) => {
    const profile = options.computerProfiles?.[computerIndex++];
    const funding = profile?.funding ?? rng.weighted(COMPUTER_FUNDING_MIX);
    const programme = rng.pick(COMPUTER_PROGRAMMES);
    add({ kind, placement: at(roomName), funding, programme, warranty: profile?.warranty, hostname });
  };

  computer('desktop', DIRECTION, host('dir'));
  computer('desktop', SECRETARIAT, host('sec'));
  for (let i = 0; i < plan.classroomComputers; i++) {
    const teacherComputer = i < school.classrooms.length;
    if (teacherComputer) {
      const kind = rng.chance(0.55) ? 'laptop' : 'desktop';
      computer(kind, classroom(i), host(numbered(kind === 'laptop' ? 'pp' : 'pc')));
    } else {
      const pupilIndex = i - school.classrooms.length;
      const roomName = pupilIndex < PUPIL_COMPUTERS_IN_LIBRARY ? LIBRARY : classroom(pupilIndex);
      const kind = options.pupilLaptopShare && rng.chance(options.pupilLaptopShare) ? 'laptop' : 'desktop';
      computer(kind, roomName, host(numbered(kind === 'laptop' ? 'pp' : 'pc')));
    }
  }

  add({ kind: 'phone', placement: at(DIRECTION), funding: 'commune' });
  const copierRooms = [SECRETARIAT, STAFF_ROOM, LIBRARY];
  for (let i = 0; i < plan.copiers; i++) {
    add({ kind: 'copier', placement: at(copierRooms[Math.min(i, copierRooms.length - 1)]!), funding: 'commune', hostname: host(numbered('mfp')) });
  }
  add({ kind: 'switch', placement: at(TECHNICAL_ROOM), funding: 'commune', hostname: host(numbered('sw')) });
  add({ kind: 'router', placement: at(TECHNICAL_ROOM), funding: 'commune', hostname: host(numbered('rt')) });
  const accessPointRooms = [LIBRARY, STAFF_ROOM, ...school.classrooms];
  for (let i = 0; i < plan.wifiAps; i++) {
    add({ kind: 'wifi_ap', placement: at(accessPointRooms[i % accessPointRooms.length]!), funding: 'commune', hostname: host(numbered('ap')) });
  }

  const audiovisual = (kind: EquipmentKind, roomName: string) =>
    add({ kind, placement: at(roomName), funding: rng.weighted(AUDIOVISUAL_FUNDING_MIX), programme: SOCLE_NUMERIQUE });
  const lastClass = school.classrooms.length - 1;
  for (let i = 0; i < plan.interactiveDisplays; i++) audiovisual('interactive_display', classroom(lastClass - i));
  for (let i = 0; i < plan.projectors; i++) audiovisual('projector', classroom(lastClass - plan.interactiveDisplays - i));
  for (let i = 0; i < plan.documentCameras; i++) audiovisual('document_camera', classroom(i));

  for (let t = 1; t <= plan.trolleys; t++) {
    const roomName = t === 1 ? LIBRARY : classroom(t);
    const { funding, programme } = trolleyFunding(rng);
    // The tablets set the date: a trolley is bought with its contents, and tablet models age fastest.
    const tabletModel = factory.pickModel('tablet');
    const bought = { funding, programme, purchaseDate: factory.purchaseDateFor(tabletModel) };
    const trolley = add({ kind: 'trolley', placement: at(roomName), ...bought });
    for (let i = 0; i < TABLETS_PER_TROLLEY; i++) {
      add({ kind: 'tablet', model: tabletModel, placement: at(roomName, trolley.assetTag), ...bought });
    }
    add({ kind: 'laptop', placement: at(roomName, trolley.assetTag), ...bought, hostname: host(`cm${t}-pp`) });
    add({ kind: 'projector', placement: at(roomName, trolley.assetTag), ...bought });
    add({ kind: 'wifi_ap', placement: at(roomName, trolley.assetTag), ...bought, hostname: host(`cm${t}-ap`) });
  }
  return items;
}

function trolleyFunding(rng: Random): { funding: FundingSource; programme?: StateProgramme } {
  const choice = rng.weighted(TROLLEY_FUNDING_MIX);
  if (choice === 'commune') return { funding: 'commune' };
  return { funding: 'state_subsidy', programme: choice === 'classes_mobiles' ? CLASSES_MOBILES : SOCLE_NUMERIQUE };
}
