import type { MembershipCreate, Page, Role, User, UserCreate, UserUpdate } from '@preau/shared';
import { http } from '../../api/http';

export interface UserFilters {
  q?: string;
  role?: Role;
  includeDisabled?: boolean;
  page?: number;
  pageSize?: number;
}

export function listUsers(filters: UserFilters, signal?: AbortSignal): Promise<Page<User>> {
  return http.get<Page<User>>('/users', { query: { ...filters, includeDisabled: filters.includeDisabled || undefined }, signal });
}

export function getUser(id: number): Promise<User> {
  return http.get<User>(`/users/${id}`);
}

export function createUser(request: UserCreate): Promise<User> {
  return http.post<User>('/users', request);
}

export function updateUser(id: number, changes: UserUpdate): Promise<User> {
  return http.patch<User>(`/users/${id}`, changes);
}

export function addMembership(userId: number, membership: MembershipCreate): Promise<User> {
  return http.post<User>(`/users/${userId}/memberships`, membership);
}

export function removeMembership(userId: number, membershipId: number): Promise<User> {
  return http.delete<User>(`/users/${userId}/memberships/${membershipId}`);
}
