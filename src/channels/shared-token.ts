// What both platforms' API clients need around an access token: one cached copy in the shared store for
// every instance, expired early, and dropped for everyone when the platform refuses it.
import type { Store } from "../infra/store.js";

/**
 * How long an instance keeps the token it read from the store: every send asked the store first, a round
 * trip per reply. Safe because the store's copy expires five minutes before the platform's token does, and
 * a refusal drops this copy as well as the store's.
 */
const LOCAL_MS = 60_000;

/** Returns the cached token, or fetches one; `refresh` drops a refused token first (for every instance). */
export function sharedToken(store: Store, key: string, now: () => number, fetchToken: () => Promise<{ token: string; expiresInS?: number }>) {
  let local: { token: string; until: number } | undefined;
  const keep = (token: string) => ((local = { token, until: now() + LOCAL_MS }), token);
  async function fetchAndCache(): Promise<string> {
    const { token, expiresInS } = await fetchToken();
    // Expire early so no instance uses a token the platform is about to drop.
    await store.set(key, token, Math.max(60, (expiresInS ?? 7200) - 300) * 1000);
    return keep(token);
  }
  return async (refresh = false): Promise<string> => {
    if (!refresh) {
      if (local && now() < local.until) return local.token;
      const stored = await store.get(key);
      return stored ? keep(stored) : fetchAndCache();
    }
    local = undefined;
    await store.del(key); // a refused token must not be handed to other instances either
    return fetchAndCache();
  };
}
