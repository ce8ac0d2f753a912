import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { Circonscription } from '@preau/shared';
import { listAllCirconscriptions } from './organisations.api';

export const useOrganisationsStore = defineStore('organisations', () => {
  const circonscriptions = ref<Circonscription[] | null>(null);

  // Circonscriptions change a few times a year: one read per visit is enough.
  async function loadCirconscriptions(): Promise<Circonscription[]> {
    circonscriptions.value ??= await listAllCirconscriptions();
    return circonscriptions.value;
  }

  return { circonscriptions, loadCirconscriptions };
});
