// Who is talking: chat identities link platform accounts to roster people (one person, many platforms).
import type { Db } from "../../infra/db.js";
import type { Platform, Role } from "../../generated/prisma/client.js";
import { dbDate, type LocalDate } from "../../infra/time.js";
import type { CurrentPosting } from "../postings/find-current-posting.js";
import { pickTargets, type TargetRule } from "../targets/list-targets.js";

export type Sender = {
  id: number; name: string; role: Role; organizationName: string;
  /** Their posting on the day asked about (null: none); undefined when no day was asked about. */
  posting?: CurrentPosting | null;
  /** How many postings they are in on that day (a doctor posted to two clinics is asked which one). */
  postingCount?: number;
};

/** The posting as row_to_json gives it: dates as YYYY-MM-DD text, which is what a LocalDate is. */
type PostingJson = { id: number; programmeId: number; startDate: LocalDate | null; endDate: LocalDate | null; recipientOrgName: string };
type Row = Omit<Sender, "posting"> & { posting: PostingJson | null; targets: TargetRule[] | null };

/**
 * Who sent a message. Given `today` (every message the pipeline answers), one call to the database
 * function find_sender (migrations 20261201170000, 20261204210000) also reads the sender's current posting,
 * its targets and how many postings they are in, which a report needs next: a round trip costs more than
 * the joins.
 */
export async function findSender(db: Db, platform: Platform, externalUserId: string, today?: LocalDate): Promise<Sender | undefined> {
  if (!today) {
    const [sender] = await db.$queryRaw<Sender[]>`
      SELECT p.id, p.name, p.role::text AS role, o.name AS "organizationName"
      FROM "ChatIdentity" c JOIN "Person" p ON p.id = c."personId" JOIN "Organization" o ON o.id = p."organizationId"
      WHERE c.platform = ${platform}::"Platform" AND c."externalUserId" = ${externalUserId}`;
    return sender;
  }
  const [row] = await db.$queryRaw<Row[]>`SELECT * FROM "find_sender"(${platform}::text, ${externalUserId}::text, ${dbDate(today)}::date)`;
  if (!row) return undefined;
  const { posting: p, targets, ...sender } = row;
  return {
    ...sender,
    posting: p && { id: p.id, programmeId: p.programmeId, recipientOrgName: p.recipientOrgName, start: p.startDate, end: p.endDate, targets: pickTargets(targets ?? []) },
  };
}
