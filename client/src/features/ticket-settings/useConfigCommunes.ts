import { computed, onMounted, ref, shallowRef } from 'vue';
import { useRoute, useRouter } from 'vue-router';
import type { TicketConfigCommune } from '@preau/shared';
import { queryPositiveInt } from '../../app/route-query';
import { listConfigCommunes } from './ticket-settings.api';

/**
 * The communes whose ticket configuration (settings, routing rules) the reader opens, as the
 * server lists them, and the one picked. The pick lives in the URL (`?commune=`), so a reload,
 * a shared link or the way from one configuration screen to the other keeps it.
 */
export function useConfigCommunes() {
  const route = useRoute();
  const router = useRouter();
  const communes = shallowRef<TicketConfigCommune[] | null>(null);
  const configuresGlobalRules = ref(false);
  const failed = ref(false);

  async function load(): Promise<void> {
    failed.value = false;
    try {
      const answer = await listConfigCommunes();
      communes.value = answer.items;
      configuresGlobalRules.value = answer.configuresGlobalRules;
    } catch {
      failed.value = true;
    }
  }
  onMounted(load);

  const commune = computed(() => {
    const list = communes.value ?? [];
    const asked = queryPositiveInt(route.query.commune);
    return list.find((item) => item.id === asked) ?? list[0] ?? null;
  });
  const communeId = computed({
    get: () => (commune.value ? String(commune.value.id) : ''),
    set: (id: string) => void router.replace({ query: { ...route.query, commune: id } }),
  });

  return { communes, commune, communeId, configuresGlobalRules, failed, reload: load };
}
