// What both platforms' API clients need around an access token: one cached copy in the shared store for
// every instance, expired early, and dropped for everyone when the platform refuses it.
import type { Store } from "../infra/store.js";

/** Returns the cached token, or fetches one; `refresh` drops a refused token first (for every instance). */
export function sharedToken(store: Store, key: string, fetchToken: () => Promise<{ token: string; expiresInS?: number }>) {
  async function fetchAndCache(): Promise<string> {
    const { token, expiresInS } = await fetchToken();
    // Expire early so no instance uses a token the platform is about to drop.
    await store.set(key, token, Math.max(60, (expiresInS ?? 7200) - 300) * 1000);
    return token;
  }
  return async (refresh = false): Promise<string> => {
    if (!refresh) return (await store.get(key)) ?? fetchAndCache();
    await store.del(key); // a refused token must not be handed to other instances either
    return fetchAndCache();
  };
}
