import { shallowRef } from 'vue';
import { defineStore } from 'pinia';
import type { FleetDashboard } from '@preau/shared';
import { getFleetDashboard, type FleetDashboardFilters } from './dashboard.api';

export const useDashboardStore = defineStore('dashboard', () => {
  /** The figures on show; replaced whole by every read (they are computed for one moment). */
  const fleet = shallowRef<FleetDashboard | null>(null);
  let request: AbortController | null = null;

  /** A newer call cancels an older one still running (typing in the search, another scope). */
  async function loadFleet(filters: FleetDashboardFilters): Promise<void> {
    request?.abort();
    const current = (request = new AbortController());
    fleet.value = await getFleetDashboard(filters, current.signal);
  }

  return { fleet, loadFleet };
});
