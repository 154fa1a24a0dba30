// A doctor posted to two clinics at once says which one a report is for: by starting it with the clinic
// (东乡卫生院 查房+2, or 东乡 查房+2), or, when they did not, by answering the question with its number.
// The report waits, held against its own message, for half an hour.
import { replyOf } from "../../templates/render.js";
import { joinList } from "../../templates/phrases.js";
import { findCurrentPostings } from "../../services/postings/find-current-postings.js";
import { findInboundText } from "../../services/inbound/find-inbound-text.js";
import type { CurrentPosting } from "../../services/postings/find-current-posting.js";
import { answer, type Command, type CommandResult, type KnownContext } from "../context.js";
import { PENDING_TTL_MS, releasedAsCommand } from "./hold.js";
import { report } from "./report.js";

const say = replyOf("replies");
const pendingKey = (personId: number) => `clinic:${personId}`;
type PendingChoice = { inboundId: number; postings: number[] };

/** 东乡卫生院 → 东乡: what a doctor types for a clinic, when it is at least two characters. */
const SUFFIX = /(?:中心卫生院|社区卫生服务中心|卫生服务中心|卫生院|卫生室|医院)$/;
function namesOf(posting: CurrentPosting): string[] {
  const short = posting.recipientOrgName.replace(SUFFIX, "");
  return short.length >= 2 && short !== posting.recipientOrgName ? [posting.recipientOrgName, short] : [posting.recipientOrgName];
}

/** The posting the text starts by naming, if it names exactly one, and the text after the name. */
function namedAtStart(postings: CurrentPosting[], text: string): { posting: CurrentPosting; rest: string } | undefined {
  const named = postings.flatMap((p) => namesOf(p).filter((n) => text.startsWith(n)).map((n) => ({ posting: p, rest: text.slice(n.length).replace(/^[\s:：,，]+/, "") })));
  const distinct = new Set(named.map((n) => n.posting.id));
  return distinct.size === 1 ? named.sort((a, b) => a.rest.length - b.rest.length)[0] : undefined;
}

/** One of the postings the sender is in today, by id: the clinic a held report was for. */
export async function currentPostingById(ctx: KnownContext, id: number | undefined): Promise<CurrentPosting | undefined> {
  if (id === undefined) return undefined;
  return (await findCurrentPostings(ctx.deps.db, ctx.sender.id, ctx.today)).find((p) => p.id === id);
}

export type PostingChoice = { posting: CurrentPosting | undefined; text: string } | { ask: CommandResult };

/** Which posting a report is for: the only one, the one its text names, or a question (the report held). */
export async function choosePosting(ctx: KnownContext, o: { text: string; inboundId: number; current: CurrentPosting | undefined }): Promise<PostingChoice> {
  if ((ctx.sender.postingCount ?? 1) <= 1) return { posting: o.current, text: o.text };
  const postings = await findCurrentPostings(ctx.deps.db, ctx.sender.id, ctx.today);
  if (postings.length <= 1) return { posting: postings[0] ?? o.current, text: o.text };
  const named = namedAtStart(postings, o.text);
  if (named) return { posting: named.posting, text: named.rest };
  const pending: PendingChoice = { inboundId: o.inboundId, postings: postings.map((p) => p.id) };
  await ctx.deps.store.set(pendingKey(ctx.sender.id), JSON.stringify(pending), PENDING_TTL_MS);
  const list = joinList(postings.map((p, i) => `${i + 1}. ${p.recipientOrgName}`));
  return { ask: answer("pending_confirmation", say("clinic.which", { list, example: namesOf(postings[0]).at(-1)! })) };
}

/** 1, 2…: the answer to "which clinic?", recording the held report at the clinic chosen. */
export const chooseClinic: Command = {
  name: "choose_clinic",
  match: (text) => /^([1-9])$/.exec(text),
  async handle(ctx, match) {
    const known = ctx as KnownContext;
    const key = pendingKey(known.sender.id);
    const held = await ctx.deps.store.get(key);
    if (!held) return answer("command", say("clinic.none"));
    const { inboundId, postings } = JSON.parse(held) as PendingChoice;
    const posting = await currentPostingById(known, postings[Number(match[1]) - 1]);
    const text = await findInboundText(ctx.deps.db, inboundId);
    if (!posting || text === undefined) return answer("command", say("clinic.none"));
    await ctx.deps.store.del(key);
    return releasedAsCommand(await report(known, { text: text.trim(), inboundId, posting }));
  },
};
