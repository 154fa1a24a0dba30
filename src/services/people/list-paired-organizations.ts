// The supporting hospitals and receiving clinics of the pairings a scope sees, by name in pinyin order:
// what a list's 派出单位 and 受援单位 filters offer.
import type { Db } from "../../infra/db.js";
import type { Prisma } from "../../generated/prisma/client.js";

const collator = new Intl.Collator("zh-CN");
const names = (list: { name: string }[]) => [...new Set(list.map((o) => o.name))].sort(collator.compare);

export async function listPairedOrganizations(db: Db, pairings: Prisma.PairingWhereInput): Promise<{ supporting: string[]; recipient: string[] }> {
  const rows = await db.pairing.findMany({ where: pairings, select: { supportingOrg: { select: { name: true } }, recipientOrg: { select: { name: true } } } });
  return { supporting: names(rows.map((r) => r.supportingOrg)), recipient: names(rows.map((r) => r.recipientOrg)) };
}
