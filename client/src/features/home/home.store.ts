import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { EquipmentStatus } from '@preau/shared';
import { fetchAllPages } from '../../api/pages';
import { listEquipment } from '../equipment/equipment.api';
import { listSchools } from '../schools/schools.api';
import { listTickets } from '../tickets/tickets.api';
import { OPEN_STATUSES } from '../tickets/ticket-options';
import { overviewBySchool, type SchoolOverview } from './school-overview';

/** What "out of service" means on the home page: waiting for a repair, or being repaired. */
export const OUT_OF_SERVICE: readonly EquipmentStatus[] = ['broken', 'in_repair'];

export const useHomeStore = defineStore('home', () => {
  const schools = ref<SchoolOverview[] | null>(null);

  /**
   * Three lists, each read whole: the schools in the reader's scope, their open tickets and their
   * out-of-service items. The API scopes each list, so a few calls serve an ERUN's or a city's
   * forty schools alike, without one call per school.
   */
  async function load(): Promise<SchoolOverview[]> {
    const [inScope, tickets, items] = await Promise.all([
      fetchAllPages((page, pageSize) => listSchools({ sort: 'name', page, pageSize })),
      fetchAllPages((page, pageSize) => listTickets({ status: OPEN_STATUSES, page, pageSize })),
      fetchAllPages((page, pageSize) => listEquipment({ status: [...OUT_OF_SERVICE], page, pageSize })),
    ]);
    schools.value = overviewBySchool(inScope, tickets, items);
    return schools.value;
  }

  return { schools, load };
});
