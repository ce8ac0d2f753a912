import { ServiceTargets, WorkingCalendar } from '@preau/shared';
import { clockChanges, type TicketSettings } from '../../tickets/ticket-clock';
import type { TicketEntity } from '../../tickets/ticket.entity';

/** When the service-target sweep's marks go: the due dates are set anew for someone, or not. */
const MARKED = new Date('2026-03-02T09:00:00Z');
const STARTED = new Date('2026-03-02T08:00:00Z');

const ticket = (fields: Partial<TicketEntity> = {}): TicketEntity =>
  ({
    status: 'in_progress',
    approval: 'not_required',
    priority: 'P2',
    level: 1,
    groupKind: 'circonscription_level1',
    groupOrganisationId: 7,
    groupExternalName: null,
    clockStartedAt: STARTED,
    pauses: null,
    firstResponseWarnedAt: MARKED,
    firstResponseBreachedAt: MARKED,
    breachWarnedAt: MARKED,
    breachedAt: MARKED,
    ...fields,
  }) as TicketEntity;

const CLEARED = { firstResponseWarnedAt: null, firstResponseBreachedAt: null, breachWarnedAt: null, breachedAt: null };
const MARKS = Object.keys(CLEARED);
const settings: TicketSettings = {
  requireDirectorApproval: false,
  calendar: WorkingCalendar.parse({}),
  targets: ServiceTargets.parse(undefined),
  reopenDays: 7,
  autoCloseDays: 5,
};

describe('clockChanges', () => {
  let reads: number;
  const read = async () => {
    reads++;
    return settings;
  };
  beforeEach(() => {
    reads = 0;
  });

  it.each([
    ['an escalation', { level: 2, groupKind: 'commune_technicians', groupOrganisationId: 3, status: 'new' }],
    ['a de-escalation', { level: 1, groupKind: 'circonscription_level1', groupOrganisationId: 7, status: 'new' }],
    ['a hand-over at the same level', { groupKind: 'circonscription_level1', groupOrganisationId: 8, status: 'new' }],
    ['a hand-over to another external party', { groupExternalName: 'Copieurs Dupont' }],
  ] as const satisfies readonly (readonly [string, Partial<TicketEntity>])[])('%s clears every mark, without touching the due dates', async (name, changes) => {
    const from = name === 'a de-escalation' ? ticket({ level: 2, groupKind: 'commune_technicians', groupOrganisationId: 3 }) : ticket();
    expect(await clockChanges(from, changes, read)).toEqual(CLEARED);
    expect(reads).toBe(0);
  });

  it("the director's approval starts the clock: due dates from then, no marks", async () => {
    const clockStartedAt = new Date('2026-03-03T08:00:00Z');
    const result = await clockChanges(ticket({ approval: 'pending', clockStartedAt: null }), { approval: 'approved', clockStartedAt }, read);
    expect(result).toMatchObject(CLEARED);
    expect(result.firstResponseDueAt!.getTime()).toBeGreaterThan(clockStartedAt.getTime());
    expect(result.resolutionDueAt!.getTime()).toBeGreaterThan(result.firstResponseDueAt!.getTime());
  });

  it('a reopening clears the marks and moves the due dates by the time it sat resolved', async () => {
    const resolved = ticket({ status: 'resolved', resolvedAt: new Date('2026-03-02T10:00:00Z') });
    const pauses = JSON.stringify([{ from: '2026-03-02T10:00:00.000Z', to: '2026-03-04T10:00:00.000Z' }]);
    const result = await clockChanges(resolved, { status: 'new', resolvedAt: null, pauses }, read);
    expect(result).toMatchObject(CLEARED);
    expect(result.resolutionDueAt).toBeInstanceOf(Date);
    expect(reads).toBe(1);
  });

  it('the end of a wait moves the due dates and keeps the marks: the same breach is not told twice', async () => {
    const pauses = JSON.stringify([{ from: '2026-03-02T10:00:00.000Z', to: '2026-03-02T14:00:00.000Z' }]);
    const result = await clockChanges(ticket({ status: 'waiting' }), { status: 'in_progress', pauses }, read);
    expect(result.resolutionDueAt).toBeInstanceOf(Date);
    for (const mark of MARKS) expect(result).not.toHaveProperty(mark);
  });

  it.each([
    ['an assignment', { assigneeUserId: 12, status: 'assigned' }],
    ['a new category', { category: 'software' }],
    ['the same group again', { level: 1, groupKind: 'circonscription_level1', groupOrganisationId: 7 }],
  ] as const)('%s changes nothing on the clock', async (_name, changes) => {
    expect(await clockChanges(ticket(), changes as Partial<TicketEntity>, read)).toEqual({});
    expect(reads).toBe(0);
  });
});
