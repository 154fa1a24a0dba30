// What oversight still owes, for the postings in a scope, by the same rules as the reminders: each
// supervision duty of the programme's minimums (findVisitDuties, over the programme's cycle) not yet
// met, and the supporting hospitals owing this quarter's meeting (findMeetingHosts: only where the
// programme asks for meetings).
import type { Db } from "../../infra/db.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { LocalDate } from "../../infra/time.js";
import { findRunningPostings } from "../postings/find-running-postings.js";
import { findHostsMet, findMeetingHosts } from "./find-meeting-hosts.js";
import { findVisitDuties } from "./find-visit-duties.js";

export async function findOversightDue(db: Db, o: { scope: Prisma.PostingWhereInput; today: LocalDate }) {
  const running = await findRunningPostings(db, { from: o.today, where: o.scope });
  const owing = (await findVisitDuties(db, running, o.today)).filter((d) => d.done < d.minimum);
  const hosts = await findMeetingHosts(db, running, o.today);
  const met = await findHostsMet(db, [...hosts]);
  return {
    visits: [...new Set(owing.map((d) => d.clinic))],
    visitDuties: owing.map((d) => ({ clinic: d.clinic, visitor: d.kind, org: d.org ?? null, done: d.done, minimum: d.minimum, from: d.period.from, to: d.period.to })),
    meetings: [...hosts].filter(([id]) => !met.has(id)).map(([, h]) => h.name),
  };
}
