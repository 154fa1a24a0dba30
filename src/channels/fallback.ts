// A card falls back to its text only when the platform certainly did not take the card: a refusal, or
// a connection that never opened. A timeout may have delivered it, and a text copy would be a duplicate.
import { isPlatformError } from "./http-core.js";

export async function orFallback(primary: () => Promise<unknown>, fallback: () => Promise<unknown>, note: (error: Error) => void): Promise<void> {
  try {
    await primary();
  } catch (error) {
    if (!isPlatformError(error) || !error.certainlyNotDelivered) throw error;
    note(error);
    await fallback();
  }
}
