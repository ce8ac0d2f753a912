import { EquipmentCreate, SchoolCreate, checkUai } from '@preau/shared';
import type { SeedItem } from '../../lib/dataset';
import { DEMO_FIGURES, generateDemo } from '../demo-data';

const TODAY = '2026-11-22';
const demo = generateDemo({ today: TODAY });
const isComputer = (item: SeedItem) => item.kind === 'desktop' || item.kind === 'laptop';
const countBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
};

describe('generateDemo', () => {
  it('gives the same data for the same day', () => {
    expect(JSON.stringify(generateDemo({ today: TODAY }))).toBe(JSON.stringify(demo));
  });

  it('places dates relative to the given day', () => {
    const later = generateDemo({ today: '2030-03-01' });
    expect(later.items[0]!.purchaseDate > demo.items[0]!.purchaseDate).toBe(true);
    expect(later.items.map((item) => item.assetTag)).toEqual(demo.items.map((item) => item.assetTag));
  });

  it('is Saint-Denis: one commune of La Réunion, 4 circonscriptions, 44 elementary schools with valid UAIs', () => {
    expect(demo.academy.code).toBe('reunion');
    expect(demo.communes).toEqual([{ inseeCode: '97411', name: 'Saint-Denis' }]);
    expect(demo.circonscriptions).toHaveLength(4);
    expect(demo.schools).toHaveLength(44);
    expect(new Set(demo.schools.map((school) => school.circonscriptionName))).toEqual(
      new Set(demo.circonscriptions.map((c) => c.name)),
    );
    for (const school of demo.schools) {
      expect(checkUai(school.uai)).toEqual({ valid: true, uai: school.uai });
      expect(school.uai.startsWith('974')).toBe(true);
      expect(school.type).toBe('EE');
      expect(['97400', '97490']).toContain(school.postalCode);
      expect(SchoolCreate.safeParse({ ...school, communeId: 1, circonscriptionId: 1 }).success).toBe(true);
    }
    expect(new Set(demo.schools.map((school) => school.uai)).size).toBe(44);
  });

  it('has the fleet figures of the Saint-Denis agreement', () => {
    const kinds = countBy(demo.items, (item) => item.kind);
    const computers = (kinds.get('desktop') ?? 0) + (kinds.get('laptop') ?? 0);
    expect(computers).toBeGreaterThanOrEqual(1050);
    expect(computers).toBeLessThanOrEqual(1150);
    expect(computers).toBe(DEMO_FIGURES.desktopsAndLaptops);
    expect(kinds.get('copier')).toBe(77);
    expect(kinds.get('interactive_display')).toBe(10);
    expect(kinds.get('trolley')).toBe(40);
  });

  it('gives every school its base equipment and network gear', () => {
    for (const school of demo.schools) {
      const kinds = countBy(
        demo.items.filter((item) => item.schoolUai === school.uai && item.containerAssetTag === null),
        (item) => item.kind,
      );
      expect(kinds.get('phone')).toBe(1);
      expect(kinds.get('copier')).toBeGreaterThanOrEqual(1);
      expect(kinds.get('switch')).toBe(1);
      expect(kinds.get('router')).toBe(1);
      expect(kinds.get('wifi_ap')).toBeGreaterThanOrEqual(2);
      expect(kinds.get('wifi_ap')).toBeLessThanOrEqual(4);
      expect(kinds.get('desktop')).toBeGreaterThanOrEqual(2);
    }
  });

  it('fills each trolley with 14 tablets, a laptop, a projector and a wifi hotspot, in the same place', () => {
    const trolleys = demo.items.filter((item) => item.kind === 'trolley');
    for (const trolley of trolleys) {
      const contents = demo.items.filter((item) => item.containerAssetTag === trolley.assetTag);
      expect(Object.fromEntries(countBy(contents, (item) => item.kind))).toEqual({ tablet: 14, laptop: 1, projector: 1, wifi_ap: 1 });
      for (const item of contents) {
        expect([item.schoolUai, item.roomName]).toEqual([trolley.schoolUai, trolley.roomName]);
      }
    }
    // The app refuses to retire (or lose) a trolley that holds items: the demo must not do it either.
    expect(trolleys.filter((trolley) => trolley.status === 'retired' || trolley.status === 'lost')).toEqual([]);
    const position = new Map(demo.items.map((item, index) => [item.assetTag, index]));
    for (const [index, item] of demo.items.entries()) {
      if (item.containerAssetTag) expect(position.get(item.containerAssetTag)).toBeLessThan(index);
    }
  });

  it('places every item in a room of its school', () => {
    const rooms = new Map(demo.schools.map((school) => [school.uai, new Set(school.rooms.map((room) => room.name))]));
    for (const item of demo.items) {
      expect(rooms.get(item.schoolUai!)?.has(item.roomName!)).toBe(true);
    }
  });

  it('keeps asset tags, serials and MAC addresses unique', () => {
    const unique = (values: (string | null)[]) => new Set(values.filter((v) => v !== null)).size;
    expect(unique(demo.items.map((item) => item.assetTag))).toBe(demo.items.length);
    expect(unique(demo.items.map((item) => item.serial))).toBe(demo.items.length);
    const macs = demo.items.map((item) => item.macAddress).filter((mac) => mac !== null);
    expect(unique(macs)).toBe(macs.length);
  });

  it('passes the API validation for new equipment, item by item', () => {
    for (const item of demo.items) {
      const result = EquipmentCreate.safeParse({ ...item, schoolId: 1, roomId: 1, containerId: item.containerAssetTag ? 1 : null });
      expect(result.error?.issues ?? []).toEqual([]);
    }
  });

  it('gives computers MAC addresses and hostnames', () => {
    for (const item of demo.items.filter(isComputer)) {
      expect(item.macAddress).toMatch(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/);
      expect(item.hostname).toMatch(/^974\d{4}[a-z]-/);
    }
  });

  it('mixes funding sources, warranty states and statuses, mostly in service', () => {
    expect(new Set(demo.items.map((item) => item.funding))).toEqual(new Set(['commune', 'state_subsidy', 'school_funds', 'donation']));
    const warranties = countBy(demo.items, (item) => (item.warrantyEndsOn! >= TODAY ? 'under' : 'past'));
    expect(warranties.get('under')).toBeGreaterThan(demo.items.length / 5);
    expect(warranties.get('past')).toBeGreaterThan(demo.items.length / 5);
    const statuses = countBy(demo.items, (item) => item.status);
    expect(new Set(statuses.keys())).toEqual(new Set(['in_service', 'broken', 'in_repair', 'in_stock', 'retired', 'lost']));
    expect(statuses.get('in_service')! / demo.items.length).toBeGreaterThan(0.8);
  });

  it.each(['2026-09-01', '2026-11-22', '2031-06-30'])(
    'on %s, gives the first school a trolley and computers of every funding source, under and past warranty, all in service',
    (today) => {
      const data = generateDemo({ today });
      const first = data.schools[0]!;
      const items = data.items.filter((item) => item.schoolUai === first.uai);
      const computers = items.filter(isComputer);
      expect(items.some((item) => item.kind === 'trolley')).toBe(true);
      expect(new Set(computers.map((item) => item.funding))).toEqual(new Set(['commune', 'state_subsidy', 'school_funds', 'donation']));
      expect(computers.some((item) => item.warrantyEndsOn! >= today)).toBe(true);
      expect(computers.some((item) => item.warrantyEndsOn! < today)).toBe(true);
      expect(new Set(items.map((item) => item.status))).toEqual(new Set(['in_service']));
      for (const item of computers.filter((c) => c.funding === 'state_subsidy')) {
        expect(item.fundingProgramme).toBeTruthy();
        expect(item.fundingAmountCents).toBeGreaterThan(0);
        expect(item.fundingAmountCents).toBeLessThan(item.purchasePriceCents);
      }
    },
  );
});
