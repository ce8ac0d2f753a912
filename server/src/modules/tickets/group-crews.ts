import type { GroupKind, OrganisationKind, Role } from '@preau/shared';
import type { TicketEntity } from './ticket.entity';

/** The people of one organisation, in some roles: who holds a group's tickets or answers for it. */
export interface Crew {
  roles: Role[];
  organisation: Exclude<OrganisationKind, 'school' | 'global'>;
}

const CITY: Crew = { roles: ['city_technician', 'city_manager'], organisation: 'commune' };
const RECTORATE: Crew = { roles: ['rectorate_agent'], organisation: 'academy' };

/**
 * Who works a ticket held by each kind of group. External parties have no accounts: the
 * commune's or académie's staff follow their tickets in the app, the party itself gets e-mail.
 */
export const GROUP_MEMBERS: Readonly<Record<GroupKind, Crew>> = {
  circonscription_level1: { roles: ['erun'], organisation: 'circonscription' },
  commune_technicians: CITY,
  copier_contractor: CITY,
  supplier: CITY,
  rectorate_desk: RECTORATE,
  rectorate_experts: RECTORATE,
  software_editor: RECTORATE,
};

/**
 * Who answers for a group when its deadlines slip: the city manager for the commune's groups,
 * the ERUN for the circonscription's level 1 (its IEN has no account), the rectorate agents for
 * the académie's groups.
 */
export const SUPERVISORS: Readonly<Record<GroupKind, Crew>> = {
  circonscription_level1: { roles: ['erun'], organisation: 'circonscription' },
  commune_technicians: { roles: ['city_manager'], organisation: 'commune' },
  copier_contractor: { roles: ['city_manager'], organisation: 'commune' },
  supplier: { roles: ['city_manager'], organisation: 'commune' },
  rectorate_desk: RECTORATE,
  rectorate_experts: RECTORATE,
  software_editor: RECTORATE,
};

type TicketPlace = Pick<TicketEntity, 'groupOrganisationId' | 'communeId' | 'circonscriptionId'>;

/**
 * The organisation of a crew for this ticket: the holding group's own, else (external parties)
 * the ticket's commune, circonscription or, when known, académie.
 */
export function crewOrganisationOf(ticket: TicketPlace, crew: Crew, academyId: number | null = null): number | null {
  if (ticket.groupOrganisationId !== null) return ticket.groupOrganisationId;
  if (crew.organisation === 'commune') return ticket.communeId;
  if (crew.organisation === 'circonscription') return ticket.circonscriptionId;
  return academyId;
}
