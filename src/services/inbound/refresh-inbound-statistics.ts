// The inbound table's planner statistics and dead rows, seen to by the worker when a backlog waits.
import type { Db } from "../../infra/db.js";

/**
 * ANALYZE of the inbound table. The worker's take finds each sender's oldest waiting message through the
 * index on (outcome, platform, sender, id) only while the statistics say messages are waiting: taken in a
 * quiet hour (every message processed), they make PostgreSQL read every waiting row on every take (100 ms
 * with 17,000 waiting). Autovacuum refreshes them a minute or so after a burst where it is on; where it is
 * off or behind, this does. VACUUM as well: each processed message leaves a dead 'received' entry in
 * that index, and until they are cleared every take steps over all of them (a 2,000-doctor backlog
 * drained at 53 a second on a server with autovacuum off; one VACUUM of 130,000 rows, 150 ms, took the
 * take from 2 ms to 0.4).
 */
export async function refreshInboundStatistics(db: Db): Promise<void> {
  await db.$executeRawUnsafe(`VACUUM (ANALYZE) "InboundMessage"`);
}
