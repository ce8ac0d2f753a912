import { GROUP_LEVEL, type GroupKind, OPEN_TICKET_STATUSES, TICKET_REFERENCE_PATTERN, checkUai } from '@preau/shared';
import { addDays, addYears, todayUtc } from '../../db/seeds/lib/dates';
import { createRandom } from '../../db/seeds/lib/random';
import { EquipmentEventEntity } from '../../server/src/modules/equipment/equipment-event.entity';
import { describeEachEngine } from '../../test/support/databases';
import { type ScaleManifest, generateScaleData } from './dashboard-data';
import { planScaleFleet } from './dashboard-fleet';
import { SMALL_PROFILE } from './dashboard-profile';
import { scaleTickets } from './dashboard-tickets';

// The scale generator on its small profile: sizes exactly as asked, and the invariants the app
// keeps for data it writes itself (so the bench measures the dashboard over believable rows).

const OPEN = `(${OPEN_TICKET_STATUSES.map((status) => `'${status}'`).join(', ')})`;

describeEachEngine('scale data generator', (db) => {
  const now = new Date();
  let manifest: ScaleManifest;
  const count = async (sql: string, parameters: unknown[] = []) => {
    const [row] = (await db().dataSource.query(sql, parameters)) as { n: number | string }[];
    return Number(row?.n);
  };

  beforeAll(async () => {
    manifest = await generateScaleData(db().dataSource, SMALL_PROFILE, { now });
  }, 120_000);

  it('writes the sizes of the profile, the city holding exactly its share', async () => {
    const city = manifest.city.communeId;
    expect(await count('SELECT COUNT(*) AS n FROM school')).toBe(SMALL_PROFILE.schools);
    expect(await count('SELECT COUNT(*) AS n FROM school WHERE commune_id = ?', [city])).toBe(SMALL_PROFILE.city.schools);
    expect(await count('SELECT COUNT(*) AS n FROM equipment')).toBe(SMALL_PROFILE.items);
    expect(await count('SELECT COUNT(*) AS n FROM equipment WHERE commune_id = ?', [city])).toBe(SMALL_PROFILE.city.items);
    expect(await count('SELECT COUNT(*) AS n FROM ticket')).toBe(SMALL_PROFILE.tickets);
    expect(await count('SELECT COUNT(*) AS n FROM ticket WHERE commune_id = ?', [city])).toBe(SMALL_PROFILE.city.tickets);
    expect(await count('SELECT COUNT(*) AS n FROM academy')).toBe(1);
    expect(await count('SELECT COUNT(*) AS n FROM commune WHERE academy_id = ?', [manifest.academyId])).toBe(manifest.sizes.communes);
    expect(manifest.sizes.communes).toBeGreaterThan(5);
  });

  it('reports the figures the bench checks the dashboard against', async () => {
    const city = manifest.city.communeId;
    expect(manifest.sizes.openTickets).toBe(await count(`SELECT COUNT(*) AS n FROM ticket WHERE status IN ${OPEN}`));
    expect(manifest.city.openTickets).toBe(await count(`SELECT COUNT(*) AS n FROM ticket WHERE status IN ${OPEN} AND commune_id = ?`, [city]));
    expect(manifest.sizes.itemsNotRetired).toBe(await count("SELECT COUNT(*) AS n FROM equipment WHERE status <> 'retired'"));
    expect(manifest.city.itemsNotRetired).toBe(await count("SELECT COUNT(*) AS n FROM equipment WHERE status <> 'retired' AND commune_id = ?", [city]));
    expect(manifest.sizes.searchTerms).toBe(await count('SELECT COUNT(*) AS n FROM equipment_search_term'));
    expect(await db().dataSource.getRepository(EquipmentEventEntity).countBy({ change: 'created' })).toBe(SMALL_PROFILE.items);
  });

  it('gives every school valid identifiers and the rooms the base equipment is checked in', async () => {
    const schools = (await db().dataSource.query('SELECT uai FROM school')) as { uai: string }[];
    expect(schools.filter((school) => !checkUai(school.uai).valid)).toEqual([]);
    for (const use of ['direction', 'secretariat', 'classroom']) {
      const without = await count(`SELECT COUNT(*) AS n FROM school s WHERE NOT EXISTS (SELECT 1 FROM room r WHERE r.school_id = s.id AND r.use = ?)`, [use]);
      expect({ use, without }).toEqual({ use, without: 0 });
    }
  });

  it('spreads items over states and twelve years of purchases, some warranties ending soon', async () => {
    const statuses = (await db().dataSource.query('SELECT status, COUNT(*) AS n FROM equipment GROUP BY status')) as { status: string; n: number | string }[];
    const byStatus = Object.fromEntries(statuses.map((row) => [row.status, Number(row.n)]));
    for (const status of ['broken', 'in_repair', 'in_stock', 'retired', 'lost']) expect(byStatus[status] ?? 0).toBeGreaterThan(0);
    expect(byStatus.in_service! / SMALL_PROFILE.items).toBeGreaterThan(0.8);

    const today = todayUtc();
    expect(await count('SELECT COUNT(*) AS n FROM equipment WHERE purchase_date < ?', [addYears(today, -10)])).toBeGreaterThan(0);
    expect(await count('SELECT COUNT(*) AS n FROM equipment WHERE purchase_date < ?', [addYears(today, -12)])).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM equipment WHERE purchase_date > ?', [addYears(today, -1)])).toBeGreaterThan(0);
    expect(await count('SELECT COUNT(*) AS n FROM equipment WHERE warranty_ends_on BETWEEN ? AND ?', [today, addDays(today, 90)])).toBeGreaterThan(0);
  });

  it('keeps trolleys with their contents at one school, and plans at least the trolleys delivered', async () => {
    expect(await count("SELECT COUNT(*) AS n FROM equipment e JOIN equipment c ON c.id = e.container_id WHERE c.kind <> 'trolley' OR c.school_id <> e.school_id")).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM equipment WHERE kind = 'tablet' AND container_id IS NOT NULL")).toBeGreaterThan(0);
    expect(manifest.sizes.mobileClassPlans).toBeGreaterThan(0);
    const short = await count(
      "SELECT COUNT(*) AS n FROM mobile_class_plan p WHERE p.trolleys_planned < (SELECT COUNT(*) FROM equipment e WHERE e.school_id = p.school_id AND e.kind = 'trolley')",
    );
    expect(short).toBe(0);
  });

  it('leaves 3 to 5% of tickets open, in every open status and at every level', async () => {
    const share = manifest.sizes.openTickets / SMALL_PROFILE.tickets;
    expect(share).toBeGreaterThanOrEqual(0.03);
    expect(share).toBeLessThanOrEqual(0.05);
    const open = (await db().dataSource.query(`SELECT DISTINCT status, level FROM ticket WHERE status IN ${OPEN}`)) as { status: string; level: number | string }[];
    expect(new Set(open.map((row) => row.status))).toEqual(new Set(['new', 'assigned', 'in_progress', 'waiting']));
    expect(new Set(open.map((row) => Number(row.level)))).toEqual(new Set([1, 2, 3]));
    expect(await count("SELECT COUNT(*) AS n FROM ticket WHERE status = 'closed' AND rating BETWEEN 1 AND 5")).toBeGreaterThan(0);
  });

  it('writes tickets the app could have written: references, groups by level, items of the school, dates in order', async () => {
    const references = (await db().dataSource.query('SELECT reference FROM ticket')) as { reference: string }[];
    expect(new Set(references.map((row) => row.reference)).size).toBe(SMALL_PROFILE.tickets);
    expect(references.filter((row) => !TICKET_REFERENCE_PATTERN.test(row.reference))).toEqual([]);

    const groups = (await db().dataSource.query('SELECT DISTINCT group_kind AS kind, level FROM ticket')) as { kind: GroupKind; level: number | string }[];
    expect(groups.filter((group) => GROUP_LEVEL[group.kind] !== Number(group.level))).toEqual([]);
    expect(await count('SELECT COUNT(*) AS n FROM ticket t JOIN equipment e ON e.id = t.equipment_id WHERE e.school_id <> t.school_id')).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM ticket t JOIN school s ON s.id = t.school_id WHERE s.commune_id <> t.commune_id OR s.circonscription_id <> t.circonscription_id')).toBe(0);

    // A second or two later: MariaDB's datetime columns round to the second.
    const stamp = new Date(now.getTime() + 2000).toISOString().slice(0, 19).replace('T', ' ');
    const disordered = await count(
      `SELECT COUNT(*) AS n FROM ticket WHERE first_responded_at < created_at OR resolved_at < first_responded_at OR closed_at < resolved_at
         OR created_at > ? OR closed_at > ? OR resolved_at > ?`,
      [stamp, stamp, stamp],
    );
    expect(disordered).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM ticket WHERE status IN ('resolved', 'closed') AND (resolved_at IS NULL OR first_responded_at IS NULL)")).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM ticket WHERE status IN ${OPEN} AND (resolved_at IS NOT NULL OR closed_at IS NOT NULL)`)).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM ticket WHERE status = 'new' AND (first_responded_at IS NOT NULL OR assignee_user_id IS NOT NULL)")).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM ticket WHERE status = 'waiting' AND (pauses IS NULL OR resolution_due_at IS NOT NULL)")).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM ticket WHERE breached_at IS NOT NULL')).toBeGreaterThan(0);
  });
});

describe('scale data plan', () => {
  it('is the same for the same seed and moment, tickets included', () => {
    const people = { reporters: [1, 2, 3], staff: [4, 5] };
    const draw = () => {
      const rng = createRandom(7);
      const fleet = planScaleFleet(SMALL_PROFILE, rng, '2026-09-01');
      return JSON.stringify([fleet, [...scaleTickets(SMALL_PROFILE, fleet, people, rng, new Date('2026-09-01T00:00:00Z'))]]);
    };
    expect(draw()).toBe(draw());
  });
});
