// A person's grassroots service record (中站: 聘任中级职称和申报评审副高级职称前，必须到社区卫生服务中心
// 累计服务不少于1年; 盐池, 明溪: 凡晋必下): every posting, across programmes, served up to today (a
// posting not yet arrived or ended unstarted counts nothing), the assessment's outcome, and the service
// elsewhere the bureau entered (援外, 援藏, 援疆), with the days in all counted once each.
import type { Db } from "../../infra/db.js";
import { fromDbDate, type LocalDate } from "../../infra/time.js";
import { serviceDays } from "../../domain/service-days.js";

export type ServiceRecord = {
  personId: number; name: string; organization: string; totalDays: number;
  postings: { postingId: number; programme: string; clinic: string; from: LocalDate; to: LocalDate; days: number; status: string; assessment: { submitted: boolean; opinions: string[] } | null }[];
  elsewhere: { id: number; kind: string; from: LocalDate; to: LocalDate; days: number; note: string | null }[];
};

/** The parties' opinions on the assessment (优秀, 合格…), in the order they signed. */
const opinionsOf = (signoffs: unknown): string[] =>
  Object.values((signoffs ?? {}) as Record<string, { opinion?: string; at?: string }>).sort((a, b) => String(a.at).localeCompare(String(b.at))).flatMap((s) => (s.opinion ? [s.opinion] : []));

export async function findServiceRecord(db: Db, personId: number, today: LocalDate): Promise<ServiceRecord | undefined> {
  const person = await db.person.findUnique({ where: { id: personId }, select: { id: true, name: true, organization: { select: { name: true } } } });
  if (!person) return undefined;
  const postings = await db.posting.findMany({
    where: { personId, startDate: { not: null } },
    select: { id: true, status: true, startDate: true, endDate: true, arrivedAt: true, programme: { select: { name: true } }, recipientOrg: { select: { name: true } }, assessment: { select: { submittedAt: true, signoffs: true } } },
    orderBy: { startDate: "asc" },
  });
  const served = postings.flatMap((p) => {
    const from = fromDbDate(p.startDate!);
    const end = p.endDate ? fromDbDate(p.endDate) : today;
    const to = end < today ? end : today;
    // Planned and never arrived: nothing served yet.
    if (from > to || (p.status === "planned" && !p.arrivedAt && from > today)) return [];
    return [{ postingId: p.id, programme: p.programme.name, clinic: p.recipientOrg.name, from, to, days: serviceDays([{ from, to }]), status: p.status, assessment: p.assessment ? { submitted: p.assessment.submittedAt !== null, opinions: opinionsOf(p.assessment.signoffs) } : null }];
  });
  const other = (await db.serviceElsewhere.findMany({ where: { personId }, orderBy: { startDate: "asc" } })).map((e) => {
    const [from, to] = [fromDbDate(e.startDate), fromDbDate(e.endDate)];
    return { id: e.id, kind: e.kind, from, to, days: serviceDays([{ from, to }]), note: e.note };
  });
  return { personId: person.id, name: person.name, organization: person.organization.name, totalDays: serviceDays([...served, ...other]), postings: served, elsewhere: other };
}
