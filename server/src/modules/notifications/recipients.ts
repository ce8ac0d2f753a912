import type { EntityManager } from 'typeorm';
import { PreparedSelect } from '../../db/prepared-select';
import type { ExternalContactKind, GroupKind, OrganisationKind, Role } from '@preau/shared';
import { GROUP_MEMBERS, SUPERVISORS, crewOrganisationOf } from '../tickets/group-crews';
import { MembershipEntity } from '../accounts/membership.entity';
import { UserAccountEntity } from '../accounts/user-account.entity';
import type { TicketEntity } from '../tickets/ticket.entity';
import { ExternalContactEntity } from './external-contact.entity';

export const isExternalGroup = (kind: GroupKind): kind is ExternalContactKind =>
  kind === 'supplier' || kind === 'software_editor' || kind === 'copier_contractor';

const membersHolding = new PreparedSelect((manager) =>
  manager.getRepository(MembershipEntity).createQueryBuilder('m').select(['m.id', 'm.userId']).where('m.role IN (:...roles) AND m.organisationKind = :organisationKind AND m.organisationId = :organisationId'),
);

async function holders(manager: EntityManager, roles: Role[], organisationKind: OrganisationKind, organisationId: number | null): Promise<number[]> {
  if (organisationId === null) return [];
  const rows = await membersHolding.many(manager, { roles, organisationKind, organisationId });
  return [...new Set(rows.map((row) => row.userId))];
}

export function groupMembers(manager: EntityManager, ticket: TicketEntity): Promise<number[]> {
  const crew = GROUP_MEMBERS[ticket.groupKind];
  return holders(manager, crew.roles, crew.organisation, crewOrganisationOf(ticket, crew));
}

export function supervisors(manager: EntityManager, ticket: TicketEntity): Promise<number[]> {
  const crew = SUPERVISORS[ticket.groupKind];
  return holders(manager, crew.roles, crew.organisation, crewOrganisationOf(ticket, crew));
}

export function directors(manager: EntityManager, schoolId: number): Promise<number[]> {
  return holders(manager, ['director'], 'school', schoolId);
}

export interface Person {
  id: number;
  displayName: string;
  email: string | null;
}

const accountsNamed = new PreparedSelect((manager) =>
  manager.getRepository(UserAccountEntity).createQueryBuilder('u').select(['u.id', 'u.displayName', 'u.email', 'u.disabled']).where('u.id IN (:...ids)'),
);

/** Enabled accounts among `ids`; a disabled account is told nothing. */
export async function people(manager: EntityManager, ids: Iterable<number>): Promise<Map<number, Person>> {
  const list = [...new Set(ids)];
  if (list.length === 0) return new Map();
  const rows = await accountsNamed.many(manager, { ids: list });
  return new Map(rows.filter((u) => !u.disabled).map((u) => [u.id, { id: u.id, displayName: u.displayName, email: u.email }]));
}

/**
 * The addresses of the external party holding the ticket: contacts of its kind in the commune
 * (supplier, copier contractor) or académie (software editor), named as the ticket's party or
 * left unnamed. Supplier names are compared without regard to case or surrounding spaces.
 */
export async function externalAddresses(manager: EntityManager, ticket: TicketEntity): Promise<string[]> {
  if (!isExternalGroup(ticket.groupKind)) return [];
  const byAcademy = ticket.groupKind === 'software_editor';
  const organisationId = ticket.groupOrganisationId ?? (byAcademy ? null : ticket.communeId);
  if (organisationId === null) return [];
  const contacts = await manager.getRepository(ExternalContactEntity).findBy(
    byAcademy ? { kind: ticket.groupKind, academyId: organisationId } : { kind: ticket.groupKind, communeId: organisationId },
  );
  const wanted = ticket.groupExternalName?.trim().toLowerCase() ?? null;
  return [...new Set(contacts.filter((c) => c.name === null || c.name.trim().toLowerCase() === wanted).map((c) => c.email))];
}
