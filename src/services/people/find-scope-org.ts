// The organisation a filter names (--org, ?org=): not found is the caller's mistake, said in Chinese.
import type { Db } from "../../infra/db.js";
import { AppError } from "../../errors.js";
import { createRenderer } from "../../templates/render.js";
import type { ScopeOrg } from "../where.js";

const say = createRenderer("api");

export async function findScopeOrg(db: Db, name: string): Promise<ScopeOrg> {
  const org = await db.organization.findUnique({ where: { name }, select: { id: true, name: true, kind: true, region: true } });
  if (!org) throw new AppError("not_found", say("export.no_org", { org: name }));
  return org;
}
