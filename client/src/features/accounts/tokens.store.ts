import { ref } from 'vue';
import { defineStore } from 'pinia';
import type { ApiToken, ApiTokenCreate, ApiTokenCreated } from '@preau/shared';
import { createMyToken, listMyTokens, revokeMyToken } from './tokens.api';

export const useTokensStore = defineStore('tokens', () => {
  const mine = ref<ApiToken[] | null>(null);

  async function loadMine(): Promise<ApiToken[]> {
    mine.value = await listMyTokens();
    return mine.value;
  }

  /** The secret comes back once, to the caller; the list keeps only what the server shows again. */
  async function create(request: ApiTokenCreate): Promise<ApiTokenCreated> {
    const created = await createMyToken(request);
    const { token: _secret, ...listed } = created;
    mine.value = [listed, ...(mine.value ?? [])];
    return created;
  }

  async function revoke(id: number): Promise<void> {
    await revokeMyToken(id);
    forget(id);
  }

  /** A token revoked elsewhere (another tab, an administrator). */
  function forget(id: number): void {
    mine.value = mine.value?.filter((token) => token.id !== id) ?? null;
  }

  return { mine, loadMine, create, revoke, forget };
});
