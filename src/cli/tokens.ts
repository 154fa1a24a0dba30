// tokens create --org NAME [--label TEXT] | tokens list | tokens revoke ID: the admin API's per-organisation
// tokens (a leader's token sees only that organisation). Creating and revoking are audited.
import { parseArgs } from "node:util";
import type { Db } from "../infra/db.js";
import { dayjs } from "../infra/time.js";
import { audit } from "../services/audit/audit.js";
import { createApiToken } from "../services/tokens/create-api-token.js";
import { revokeApiToken } from "../services/tokens/revoke-api-token.js";
import { findOrganization } from "../services/people/find-organization.js";
import { listApiTokens } from "../services/tokens/list-api-tokens.js";
import { createRenderer } from "../templates/render.js";
import type { CliIo } from "./io.js";

const say = createRenderer("api");
const ACTOR = "cli";

async function create(io: CliIo, db: Db, orgName: string | undefined, label: string | undefined): Promise<number> {
  if (!orgName) return io.err(say("tokens.usage")), 2;
  const org = await findOrganization(db, orgName);
  if (!org) return io.err(say("export.no_org", { org: orgName })), 1;
  const { id, token } = await createApiToken(db, org.id, label ?? org.name);
  await audit(db, ACTOR, "token.create", `token:${id}`, { organization: org.name, label });
  io.out(say("tokens.created", { org: org.name, id, token }));
  return 0;
}

async function list(io: CliIo, db: Db): Promise<number> {
  const tokens = await listApiTokens(db);
  for (const t of tokens) {
    io.out(say("tokens.line", {
      id: t.id, org: t.organization.name, label: t.label, created: dayjs(t.createdAt).format("YYYY-MM-DD"),
      state: say(t.revokedAt ? "tokens.revoked" : "tokens.active"),
    }));
  }
  return 0;
}

export async function runTokens(io: CliIo, db: Db, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, strict: false, options: { org: { type: "string" }, label: { type: "string" } } });
  const [action, id] = positionals;
  if (action === "create") return create(io, db, values.org as string | undefined, values.label as string | undefined);
  if (action === "list") return list(io, db);
  if (action === "revoke" && id && /^\d+$/.test(id)) {
    if (!(await revokeApiToken(db, Number(id)))) return io.err(say("tokens.no_token", { id })), 1;
    await audit(db, ACTOR, "token.revoke", `token:${id}`);
    return io.out(say("tokens.revoke_done", { id })), 0;
  }
  return io.err(say("tokens.usage")), 2;
}
