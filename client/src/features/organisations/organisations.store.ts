import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { Academy, Circonscription, Commune, SchoolView } from '@preau/shared';
import { listAllAcademies, listAllCirconscriptions, listAllCommunes, listAllSchools } from './organisations.api';

export const useOrganisationsStore = defineStore('organisations', () => {
  const circonscriptions = ref<Circonscription[] | null>(null);
  const communes = ref<Commune[] | null>(null);
  const academies = ref<Academy[] | null>(null);
  const schools = ref<SchoolView[] | null>(null);

  // Organisations change a few times a year: one read per visit is enough.
  async function loadCirconscriptions(): Promise<Circonscription[]> {
    circonscriptions.value ??= await listAllCirconscriptions();
    return circonscriptions.value;
  }

  async function loadCommunes(): Promise<Commune[]> {
    communes.value ??= await listAllCommunes();
    return communes.value;
  }

  async function loadAcademies(): Promise<Academy[]> {
    academies.value ??= await listAllAcademies();
    return academies.value;
  }

  async function loadSchools(): Promise<SchoolView[]> {
    schools.value ??= await listAllSchools();
    return schools.value;
  }

  return { circonscriptions, communes, academies, schools, loadCirconscriptions, loadCommunes, loadAcademies, loadSchools };
});
