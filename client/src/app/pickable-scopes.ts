import { ROLE_PERMISSIONS, type Membership } from '@preau/shared';
import type { ScopeOrganisation } from './scope-query';

export interface ScopeChoice {
  /** `commune:12`, as `scopeValue` writes it. */
  value: string;
  name: string;
}

export interface ScopeGroup {
  kind: ScopeOrganisation;
  choices: ScopeChoice[];
}

interface ListedOrganisation {
  id: number;
  name: string;
  academyId?: number;
}

export interface OrganisationLists {
  academies: readonly ListedOrganisation[] | null;
  communes: readonly ListedOrganisation[] | null;
  circonscriptions: readonly ListedOrganisation[] | null;
}

/**
 * The organisations a reader may pick as the dashboard's scope: those their reporting memberships
 * cover whole (the server refuses the others), that is their own académie, commune or circonscription,
 * and within an académie its communes and circonscriptions; everything for an administrator.
 */
export function pickableScopes(memberships: readonly Membership[], lists: OrganisationLists): ScopeGroup[] {
  const readers = memberships.filter((membership) => ROLE_PERMISSIONS[membership.role].includes('reports:read'));
  const everything = readers.some((membership) => membership.organisationKind === 'global');
  const own = (kind: 'academy' | 'commune' | 'circonscription'): ListedOrganisation[] =>
    readers.flatMap((membership) =>
      membership.organisationKind === kind && membership.organisationId !== null
        ? [{ id: membership.organisationId, name: membership.organisationName ?? String(membership.organisationId) }]
        : [],
    );
  const academyIds = new Set(own('academy').map((academy) => academy.id));
  const inAcademies = (list: readonly ListedOrganisation[] | null) =>
    (list ?? []).filter((organisation) => everything || (organisation.academyId !== undefined && academyIds.has(organisation.academyId)));

  const groups: [ScopeOrganisation, ListedOrganisation[]][] = [
    ['academy', everything ? [...(lists.academies ?? [])] : own('academy')],
    ['commune', [...own('commune'), ...inAcademies(lists.communes)]],
    ['circonscription', [...own('circonscription'), ...inAcademies(lists.circonscriptions)]],
  ];
  return groups
    .map(([kind, organisations]) => {
      const unique = new Map(organisations.map((organisation) => [organisation.id, organisation]));
      const choices = [...unique.values()]
        .sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.id - b.id)
        .map((organisation) => ({ value: `${kind}:${organisation.id}`, name: organisation.name }));
      return { kind, choices };
    })
    .filter((group) => group.choices.length > 0);
}

/** Whether picking a scope needs the lists of organisations (an académie's reader, or an administrator). */
export function needsOrganisationLists(memberships: readonly Membership[]): boolean {
  return memberships.some(
    (membership) => ROLE_PERMISSIONS[membership.role].includes('reports:read') && (membership.organisationKind === 'global' || membership.organisationKind === 'academy'),
  );
}
