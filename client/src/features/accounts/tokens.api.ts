import type { ApiToken, ApiTokenCreate, ApiTokenCreated } from '@preau/shared';
import { http } from '../../api/http';

export function listMyTokens(): Promise<ApiToken[]> {
  return http.get<ApiToken[]>('/me/tokens');
}

export function createMyToken(request: ApiTokenCreate): Promise<ApiTokenCreated> {
  return http.post<ApiTokenCreated>('/me/tokens', request);
}

export function revokeMyToken(id: number): Promise<void> {
  return http.delete(`/me/tokens/${id}`);
}
