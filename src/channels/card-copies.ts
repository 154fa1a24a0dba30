// When one recipient answers a card, the other recipients' copies show who answered and lose their
// buttons, on whichever platform each copy went: WeCom by update_template_card with the response_code its
// send returned (once, within 72 hours, doc 94888), DingTalk by updating the card instance (its
// outTrackId is the task id). A copy that cannot be updated is logged and left; its tap is answered.
import type { DbClient } from "../infra/db.js";
import type { Logger } from "../infra/logger.js";
import { findOtherCopies } from "../services/cards/find-other-copies.js";
import { settleCardCopies } from "../services/cards/settle-card-copies.js";
import type { WecomApi } from "./wecom/api.js";
import type { DingtalkSender } from "./dingtalk/send.js";
import { outboundChannels } from "./outbound.js";

export type CardCopies = { updateOthers(taskId: string, text: string): Promise<void> };

export function createCardCopies(o: { db: DbClient; log: Logger; wecom?: WecomApi; dingtalk?: DingtalkSender; now?: () => Date }): CardCopies {
  const now = o.now ?? (() => new Date());
  const channels = new Map(outboundChannels(o).map((c) => [c.platform, c]));
  const update = async (copy: Awaited<ReturnType<typeof findOtherCopies>>[number], text: string) => channels.get(copy.platform)?.updateCopy(copy, text);
  return {
    async updateOthers(taskId, text) {
      const others = await findOtherCopies(o.db, taskId, now());
      for (const copy of others) {
        await update(copy, text).catch((error: Error) =>
          o.log.warn({ err: error.message, platform: copy.platform, taskId: copy.taskId }, "another recipient's card copy not updated"));
      }
      await settleCardCopies(o.db, [taskId, ...others.map((c) => c.taskId)], now());
    },
  };
}
