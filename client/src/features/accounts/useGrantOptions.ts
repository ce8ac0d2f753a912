import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { CITY_MANAGER_GRANTABLE_ROLES, Role, type OrganisationKind } from '@preau/shared';
import type { SelectOption } from '../../ui/SelectField.vue';
import { useAuthStore } from '../auth/auth.store';
import { useOrganisationsStore } from '../organisations/organisations.store';

/**
 * What the signed-in user may grant: an administrator any role anywhere; a city manager the
 * roles of `CITY_MANAGER_GRANTABLE_ROLES`, in their communes and those communes' schools.
 * The server checks the same rules; offering only what it accepts spares a refusal.
 */
export function useGrantOptions() {
  const { t } = useI18n();
  const auth = useAuthStore();
  const organisations = useOrganisationsStore();

  const isAdmin = computed(() => auth.user?.memberships.some((membership) => membership.role === 'admin') ?? false);
  const managedCommuneIds = computed(
    () =>
      new Set(
        auth.user?.memberships.flatMap((membership) =>
          membership.role === 'city_manager' && membership.organisationId !== null ? [membership.organisationId] : [],
        ),
      ),
  );
  const roles = computed<readonly Role[]>(() => (isAdmin.value ? Role.options : CITY_MANAGER_GRANTABLE_ROLES));

  const inScope = (communeId: number) => isAdmin.value || managedCommuneIds.value.has(communeId);
  const byLabel = (a: SelectOption, b: SelectOption) => a.label.localeCompare(b.label, 'fr');

  /** The organisations of one kind the user may attach people to. */
  async function organisationOptions(kind: OrganisationKind): Promise<SelectOption[]> {
    switch (kind) {
      case 'school':
        return (await organisations.loadSchools())
          .filter((school) => inScope(school.communeId))
          .map((school) => ({ value: String(school.id), label: t('accounts.schoolInCommune', { school: school.name, commune: school.communeName }) }))
          .sort(byLabel);
      case 'commune':
        return (await organisations.loadCommunes())
          .filter((commune) => inScope(commune.id))
          .map((commune) => ({ value: String(commune.id), label: commune.name }))
          .sort(byLabel);
      case 'circonscription':
        return (await organisations.loadCirconscriptions()).map((item) => ({ value: String(item.id), label: item.name })).sort(byLabel);
      case 'academy':
        return (await organisations.loadAcademies()).map((item) => ({ value: String(item.id), label: item.name })).sort(byLabel);
      case 'global':
        return [];
    }
  }

  return { roles, organisationOptions };
}
