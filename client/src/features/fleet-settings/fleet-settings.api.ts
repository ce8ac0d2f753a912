import type { EquipmentLifetimes, EquipmentLifetimesUpdate, MobileClassPlan, MobileClassPlanPut } from '@preau/shared';
import { http } from '../../api/http';

export function getLifetimes(): Promise<EquipmentLifetimes> {
  return http.get<EquipmentLifetimes>('/fleet-settings/lifetimes');
}

/** Changes the kinds given; `null` puts a kind back to its default. Answers every kind's lifetime. */
export function updateLifetimes(update: EquipmentLifetimesUpdate): Promise<EquipmentLifetimes> {
  return http.put<EquipmentLifetimes>('/fleet-settings/lifetimes', update);
}

/** The school's plan, or null when it has none (the school itself is one the reader sees). */
export function getMobileClassPlan(schoolId: number): Promise<MobileClassPlan | null> {
  return http.get<MobileClassPlan | null>(`/schools/${schoolId}/mobile-class-plan`);
}

/** Creates the plan, or replaces it when `version` (the one read) is given. */
export function putMobileClassPlan(schoolId: number, plan: MobileClassPlanPut): Promise<MobileClassPlan> {
  return http.put<MobileClassPlan>(`/schools/${schoolId}/mobile-class-plan`, plan);
}

export function deleteMobileClassPlan(schoolId: number): Promise<void> {
  return http.delete(`/schools/${schoolId}/mobile-class-plan`);
}
