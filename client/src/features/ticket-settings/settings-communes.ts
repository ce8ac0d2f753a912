import { ROLE_PERMISSIONS, type Membership } from '@preau/shared';

export interface SettingsCommune {
  id: number;
  name: string;
  /** Whether the reader may change the settings (the server answers 403 to the others). */
  configurable: boolean;
}

interface ListedCommune {
  id: number;
  name: string;
  academyId: number;
}

interface ListedSchool {
  communeId: number;
  communeName: string;
  circonscriptionId: number;
}

export interface SettingsLists {
  /** The directory of communes, needed by administrators and académie staff. */
  communes: readonly ListedCommune[] | null;
  /** The schools the reader sees, needed by circonscription staff (their schools' communes). */
  schools: readonly ListedSchool[] | null;
}

/**
 * The communes whose ticket settings the reader may open, as the server decides it: those whose
 * tickets they work (`tickets:work` through the commune, its académie, or a school of it).
 * Changing them is for the commune's city managers and for administrators only.
 */
export function settingsCommunes(memberships: readonly Membership[], lists: SettingsLists): SettingsCommune[] {
  const workers = memberships.filter((membership) => ROLE_PERMISSIONS[membership.role].includes('tickets:work'));
  const admin = memberships.some((membership) => membership.role === 'admin');
  const managed = new Set(
    memberships.flatMap((membership) => (membership.role === 'city_manager' && membership.organisationKind === 'commune' ? [membership.organisationId] : [])),
  );
  const found = new Map<number, string>();
  for (const membership of workers) {
    const id = membership.organisationId;
    if (membership.organisationKind === 'global') {
      for (const commune of lists.communes ?? []) found.set(commune.id, commune.name);
    } else if (id === null) {
      continue;
    } else if (membership.organisationKind === 'commune') {
      found.set(id, membership.organisationName ?? String(id));
    } else if (membership.organisationKind === 'academy') {
      for (const commune of lists.communes ?? []) if (commune.academyId === id) found.set(commune.id, commune.name);
    } else if (membership.organisationKind === 'circonscription') {
      for (const school of lists.schools ?? []) if (school.circonscriptionId === id) found.set(school.communeId, school.communeName);
    }
  }
  return [...found]
    .map(([id, name]) => ({ id, name, configurable: admin || managed.has(id) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.id - b.id);
}

/** Which lists `settingsCommunes` needs for these memberships. */
export function settingsListsNeeded(memberships: readonly Membership[]): { communes: boolean; schools: boolean } {
  const workers = memberships.filter((membership) => ROLE_PERMISSIONS[membership.role].includes('tickets:work'));
  return {
    communes: workers.some((membership) => membership.organisationKind === 'global' || membership.organisationKind === 'academy'),
    schools: workers.some((membership) => membership.organisationKind === 'circonscription'),
  };
}
