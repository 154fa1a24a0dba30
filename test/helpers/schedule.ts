// A scheduler harness: the real jobs, the test's database and store, a recording deliverer, a clock.
import { pino } from "pino";
import type { Database } from "../../src/infra/db.js";
import type { Store } from "../../src/infra/store.js";
import { parseQuietHours } from "../../src/schedule/calendar.js";
import type { ScheduleDeps } from "../../src/schedule/job.js";
import type { Message } from "../../src/schedule/outbox.js";

export type Delivery = { personId: number; message: Message };

export function scheduleDeps(db: Database, store: Store, deliveries: Delivery[] = [], over: Partial<ScheduleDeps> = {}): ScheduleDeps {
  return {
    db: db.client, store, log: pino({ level: "silent" }), tz: "Asia/Shanghai", quiet: parseQuietHours("21:00-08:00"),
    settings: { nudgeAfterWorkingDays: 2, nudgeEscalateAfter: 3, arrivalDeadlineDays: 3, snoozeMinutes: 120, retentionDays: 180 },
    deliver: async (personId, message) => (deliveries.push({ personId, message }), "sent"),
    ...over,
  };
}

/** Leaders and the bureau the rosters do not list (what `npm run cli -- people add` registers). */
export async function addLeaders(db: Database): Promise<Record<string, number>> {
  const p = db.client;
  const yubei = await p.organization.findUniqueOrThrow({ where: { name: "渝北区中医院" } });
  const bureau = await p.organization.create({ data: { name: "云阳县卫生健康委员会", kind: "authority" } });
  const add = (name: string, organizationId: number, role: "leader" | "admin", department?: string) =>
    p.person.create({ data: { name, organizationId, role, department } }).then((x) => x.id);
  return {
    王院长: await add("王院长", yubei.id, "leader"),
    李主任: await add("李主任", yubei.id, "leader", "针灸科"),
    陈局长: await add("陈局长", bureau.id, "leader"),
    赵科员: await add("赵科员", bureau.id, "admin"),
  };
}
