import { useI18n } from 'vue-i18n';
import type { Membership, OrganisationKind, Role } from '@preau/shared';

/** The words for roles, organisation kinds and memberships (« Technicien de la commune · Saint-Denis »). */
export function useRoleLabels() {
  const { t } = useI18n();
  const roleLabel = (role: Role) => t(`role.${role}`);
  return {
    roleLabel,
    organisationKindLabel: (kind: OrganisationKind) => t(`organisationKind.${kind}`),
    membershipText: (membership: Pick<Membership, 'role' | 'organisationName'>) =>
      membership.organisationName
        ? t('accounts.membershipIn', { role: roleLabel(membership.role), organisation: membership.organisationName })
        : roleLabel(membership.role),
  };
}
