import type { DataSource } from 'typeorm';
import type { ApprovalStatus, EquipmentKind, EquipmentStatus, RoomUse, SupportLevel, TicketStatus } from '@preau/shared';
import { makeUser } from '../../../../../test/support/auth';
import { makeOrganisations, makeSchool, type OrgFixture } from '../../../../../test/support/factories';
import { CirconscriptionEntity } from '../../organisations/circonscription.entity';
import { CommuneEntity } from '../../organisations/commune.entity';
import { EquipmentEntity } from '../../equipment/equipment.entity';
import { RoomEntity } from '../../schools/room.entity';
import { SchoolEntity } from '../../schools/school.entity';
import { TicketEntity } from '../../tickets/ticket.entity';
import { MobileClassPlanEntity } from '../../fleet-settings/mobile-class-plan.entity';

/**
 * A small known world for the fleet dashboard. "Now" is 2026-06-14 22:30 UTC, already
 * 2026-06-15 in Paris: the dashboard's today. Every figure the tests expect is counted by hand
 * from the comments below, not recomputed.
 *
 * Académie X holds commune A (schools Alpha, Bêta and a retired one) and commune B (Gamma);
 * circonscription 1 holds Alpha and Gamma, circonscription 2 holds Bêta. Académie Y, elsewhere,
 * holds school Delta.
 */
export const NOW = new Date('2026-06-14T22:30:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

export interface FleetWorld {
  x: OrgFixture;
  communeB: CommuneEntity;
  circ2: CirconscriptionEntity;
  y: OrgFixture;
  alpha: SchoolEntity;
  beta: SchoolEntity;
  gamma: SchoolEntity;
  retired: SchoolEntity;
  delta: SchoolEntity;
  rooms: Record<'alphaDirection' | 'alphaSecretariat' | 'alphaCp' | 'alphaCe1' | 'alphaCe2' | 'alphaBcd' | 'betaOffice' | 'betaCm1', RoomEntity>;
  tickets: Record<'t1' | 't2' | 't3' | 't4' | 't7' | 't8' | 't9' | 't11' | 't12', TicketEntity>;
  reporterId: number;
}

let sequence = 0;

export async function buildFleetWorld(ds: DataSource): Promise<FleetWorld> {
  const x = await makeOrganisations(ds);
  const y = await makeOrganisations(ds);
  const communeB = await ds.getRepository(CommuneEntity).save({ name: `Commune B ${++sequence}`, inseeCode: null, academyId: x.academy.id });
  const circ2 = await ds.getRepository(CirconscriptionEntity).save({ name: `Circonscription 2 ${++sequence}`, academyId: x.academy.id });
  const inB = { ...x, commune: communeB };
  const inCirc2 = { ...x, circonscription: circ2 };

  const alpha = await makeSchool(ds, x, 'École Alpha');
  const beta = await makeSchool(ds, inCirc2, 'École Bêta');
  const gamma = await makeSchool(ds, inB, 'École Gamma');
  const retired = await makeSchool(ds, x, 'École fermée');
  const delta = await makeSchool(ds, y, 'École Delta');

  const room = (school: SchoolEntity, name: string, use: RoomUse, retiredAt: Date | null = null) =>
    ds.getRepository(RoomEntity).save({ schoolId: school.id, name, use, description: null, retiredAt });
  const rooms: FleetWorld['rooms'] = {
    alphaDirection: await room(alpha, 'Direction', 'direction'),
    alphaSecretariat: await room(alpha, 'Secrétariat', 'secretariat'),
    alphaCp: await room(alpha, 'Classe CP', 'classroom'),
    alphaCe1: await room(alpha, 'Classe CE1', 'classroom'),
    // A retired classroom asks for nothing.
    alphaCe2: await room(alpha, 'Classe CE2', 'classroom', new Date('2025-07-01T00:00:00Z')),
    alphaBcd: await room(alpha, 'BCD', 'other'),
    betaOffice: await room(beta, 'Bureau', 'direction'),
    betaCm1: await room(beta, 'Classe CM1', 'classroom'),
  };
  const gammaDirection = await room(gamma, 'Direction', 'direction');
  const gammaSecretariat = await room(gamma, 'Secrétariat', 'secretariat');

  interface ItemFields {
    status?: EquipmentStatus;
    room?: RoomEntity;
    container?: EquipmentEntity;
    purchaseDate?: string;
    warrantyEndsOn?: string;
  }
  const item = (school: SchoolEntity | null, kind: EquipmentKind, fields: ItemFields = {}) =>
    ds.getRepository(EquipmentEntity).save({
      kind,
      status: fields.status ?? 'in_service',
      assetTag: `FW-${++sequence}`,
      brand: null,
      model: null,
      serial: null,
      macAddress: null,
      hostname: null,
      communeId: school?.communeId ?? x.commune.id,
      schoolId: school?.id ?? null,
      roomId: fields.room?.id ?? fields.container?.roomId ?? null,
      containerId: fields.container?.id ?? null,
      purchaseDate: fields.purchaseDate ?? null,
      purchasePriceCents: null,
      supplier: null,
      warrantyEndsOn: fields.warrantyEndsOn ?? null,
      funding: 'commune',
      fundingProgramme: null,
      fundingAmountCents: null,
      notes: null,
    });

  // École Alpha: 18 items (2 retired ones left out), 11 in service.
  await item(alpha, 'desktop', { room: rooms.alphaDirection, purchaseDate: '2019-01-10' }); // past renewal (desktop: 6 years, before 2020-06-15)
  await item(alpha, 'laptop', { status: 'broken', room: rooms.alphaSecretariat, purchaseDate: '2021-06-15', warrantyEndsOn: '2026-06-15' }); // exactly 5 years: not past; warranty ends today
  await item(alpha, 'phone', { purchaseDate: '2018-01-01', warrantyEndsOn: '2026-09-13' }); // past renewal (7 years); warranty ends on the 90th day
  await item(alpha, 'copier', { status: 'in_repair', room: rooms.alphaBcd, purchaseDate: '2024-01-01', warrantyEndsOn: '2026-09-14' }); // warranty ends on the 91st day
  await item(alpha, 'router', { status: 'lost', purchaseDate: '2010-01-01', warrantyEndsOn: '2026-07-01' }); // lost: no internet, not counted as due or ending
  await item(alpha, 'firewall', { status: 'retired', purchaseDate: '2000-01-01', warrantyEndsOn: '2026-07-01' }); // retired: left out
  await item(alpha, 'projector', { room: rooms.alphaCp, purchaseDate: '2020-01-01', warrantyEndsOn: '2026-06-14' }); // 7 years not reached; warranty ended yesterday
  await item(alpha, 'laptop', { room: rooms.alphaCp });
  await item(alpha, 'interactive_display', { status: 'in_stock', room: rooms.alphaCe1 }); // not installed: CE1 has no display
  const t1 = await item(alpha, 'trolley', { room: rooms.alphaCe1 });
  await item(alpha, 'laptop', { container: t1 }); // the trolley's: CE1 has no teacher laptop
  await item(alpha, 'tablet', { container: t1, purchaseDate: '2020-01-01' }); // past renewal (tablet: 5 years)
  await item(alpha, 'tablet', { container: t1, warrantyEndsOn: '2026-08-01' }); // warranty ending
  await item(alpha, 'tablet', { container: t1 });
  await item(alpha, 'tablet', { status: 'retired', container: t1 });
  const t2 = await item(alpha, 'trolley', { room: rooms.alphaBcd });
  await item(alpha, 'tablet', { container: t2 });
  await item(alpha, 'tablet', { status: 'broken', container: t2, purchaseDate: '2021-06-14' }); // past renewal by a day
  await item(alpha, 'trolley', { status: 'lost', purchaseDate: '2000-01-01' });
  await item(alpha, 'trolley', { status: 'in_stock', room: rooms.alphaBcd }); // delivered, empty
  await ds.getRepository(MobileClassPlanEntity).save({ schoolId: alpha.id, trolleysPlanned: 5, tabletsPerTrolley: 3, dueOn: '2026-09-01', programme: 'Plan numérique' });

  // École Bêta: 8 items, all in service; no secretariat.
  await item(beta, 'desktop', { room: rooms.betaOffice, purchaseDate: '2024-01-01' });
  await item(beta, 'phone');
  await item(beta, 'copier');
  await item(beta, 'firewall');
  await item(beta, 'projector', { room: rooms.betaCm1 });
  await item(beta, 'laptop', { room: rooms.betaCm1 });
  const tb = await item(beta, 'trolley', { room: rooms.betaCm1 });
  await item(beta, 'tablet', { container: tb });

  // École Gamma: 8 items, 7 in service; every piece of base equipment, no classroom.
  await item(gamma, 'laptop', { room: gammaDirection });
  await item(gamma, 'desktop', { room: gammaSecretariat });
  await item(gamma, 'phone');
  await item(gamma, 'copier', { warrantyEndsOn: '2026-07-15' });
  await item(gamma, 'router');
  const tg = await item(gamma, 'trolley');
  await item(gamma, 'tablet', { container: tg });
  await item(gamma, 'tablet', { status: 'in_repair', container: tg });
  await ds.getRepository(MobileClassPlanEntity).save({ schoolId: gamma.id, trolleysPlanned: 2, tabletsPerTrolley: 1, dueOn: null, programme: null });

  // Left out: a closed school's items and the commune's stock; Delta is another académie's.
  await item(retired, 'laptop');
  await item(null, 'laptop', { status: 'in_stock' });
  await item(delta, 'laptop');
  await ds.getRepository(SchoolEntity).update(retired.id, { retiredAt: new Date('2026-01-01T00:00:00Z') });

  const { user: reporter } = await makeUser(ds, [{ role: 'teacher', organisationId: alpha.id }]);
  const ticket = (school: SchoolEntity, status: TicketStatus, level: SupportLevel, createdAt: Date, approval: ApprovalStatus = 'not_required') =>
    ds.getRepository(TicketEntity).save({
      createdAt,
      updatedAt: createdAt,
      reference: `INC-2026-${String(++sequence).padStart(5, '0')}`,
      schoolId: school.id,
      communeId: school.communeId,
      circonscriptionId: school.circonscriptionId,
      equipmentId: null,
      category: 'hardware',
      title: `Panne ${sequence}`,
      description: 'Ne démarre plus',
      impact: 'one_class',
      urgency: 'low',
      priority: 'P4',
      status,
      approval,
      level,
      groupKind: 'circonscription_level1',
      groupOrganisationId: school.circonscriptionId,
      groupExternalName: null,
      groupLabel: 'Circonscription',
      assigneeUserId: null,
      reporterUserId: reporter.id,
      availability: null,
      routingRule: 'test',
      routingReason: 'test',
      outOfScope: false,
      clockStartedAt: createdAt,
      pauses: null,
      firstResponseDueAt: null,
      resolutionDueAt: null,
      firstRespondedAt: null,
      resolvedAt: null,
      closedAt: null,
      breachWarnedAt: null,
      breachedAt: null,
      rating: null,
      ratingComment: null,
      idempotencyKey: null,
    } as Partial<TicketEntity>);

  // Alpha: 5 open (levels 1, 2, 2, 3, 1; ages day, week, month, older, week), 2 done.
  const tickets = {
    t1: await ticket(alpha, 'new', 1, ago(2 * HOUR)),
    t2: await ticket(alpha, 'assigned', 2, ago(3 * DAY)),
    t3: await ticket(alpha, 'in_progress', 2, ago(10 * DAY)),
    t4: await ticket(alpha, 'waiting', 3, ago(40 * DAY)),
    t7: await ticket(alpha, 'new', 1, ago(DAY)), // exactly a day: no longer "under a day"
    // Beta: one open, just under 30 days old.
    t8: await ticket(beta, 'in_progress', 1, ago(29 * DAY + 23 * HOUR)),
    // Gamma: two open filed the same second, over a year ago; t9 first.
    t9: await ticket(gamma, 'new', 2, ago(400 * DAY)),
    t11: await ticket(gamma, 'new', 1, ago(400 * DAY)),
    // The closed school's open report is left out, oldest as it is.
    t12: await ticket(retired, 'new', 1, ago(600 * DAY)),
  };
  await ticket(alpha, 'resolved', 1, ago(100 * DAY));
  await ticket(alpha, 'closed', 2, ago(200 * DAY));
  await ticket(gamma, 'closed', 1, ago(500 * DAY));
  await ticket(delta, 'new', 1, ago(2 * HOUR));
  // Alpha's oldest report of all still waits for the director: not the support's yet, neither counted nor shown.
  await ticket(alpha, 'new', 1, ago(700 * DAY), 'pending');

  return { x, communeB, circ2, y, alpha, beta, gamma, retired, delta, rooms, tickets, reporterId: reporter.id };
}
