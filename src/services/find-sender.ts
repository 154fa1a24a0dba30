// Who is talking: chat identities link platform accounts to roster people (one person, many platforms).
import type { Db } from "../infra/db.js";
import { Prisma, type Platform, type Role } from "../generated/prisma/client.js";
import type { LocalDate } from "../infra/time.js";
import { currentPostingQuery, type CurrentPosting } from "./find-current-posting.js";
import { pickTargets, targetsJsonQuery, type TargetRule } from "./list-targets.js";

export type Sender = {
  id: number; name: string; role: Role; organizationName: string;
  /** Their posting on the day asked about (null: none); undefined when no day was asked about. */
  posting?: CurrentPosting | null;
};

/** The posting as row_to_json gives it: dates as YYYY-MM-DD text, which is what a LocalDate is. */
type PostingJson = { id: number; programmeId: number; startDate: LocalDate | null; endDate: LocalDate | null; recipientOrgName: string };
type Row = Omit<Sender, "posting"> & { posting?: PostingJson | null; targets?: TargetRule[] | null };

/**
 * Who sent a message: one query, which every message asks first. Given `today`, the same query reads the
 * sender's current posting and its targets too (a report needs both next, and on a loaded machine a round
 * trip costs more than the joins).
 */
export async function findSender(db: Db, platform: Platform, externalUserId: string, today?: LocalDate): Promise<Sender | undefined> {
  const posting = today
    ? Prisma.sql`, CASE WHEN cp.id IS NULL THEN NULL ELSE row_to_json(cp) END AS posting, ${targetsJsonQuery(Prisma.raw("cp.\"programmeId\""), Prisma.raw("cp.id"))} AS targets`
    : Prisma.empty;
  const current = today ? Prisma.sql`LEFT JOIN LATERAL (${currentPostingQuery(Prisma.raw("p.id"), today)}) cp ON true` : Prisma.empty;
  const [row] = await db.$queryRaw<Row[]>`
    SELECT p.id, p.name, p.role::text AS role, o.name AS "organizationName" ${posting}
    FROM "ChatIdentity" c JOIN "Person" p ON p.id = c."personId" JOIN "Organization" o ON o.id = p."organizationId" ${current}
    WHERE c.platform::text = ${platform} AND c."externalUserId" = ${externalUserId}`;
  if (!row) return undefined;
  const { posting: found, targets, ...sender } = row;
  if (!today) return sender;
  return {
    ...sender,
    posting: found ? {
      id: found.id, programmeId: found.programmeId, recipientOrgName: found.recipientOrgName, start: found.startDate, end: found.endDate, targets: pickTargets(targets ?? []),
    } : null,
  };
}
