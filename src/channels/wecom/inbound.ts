// Decrypted WeCom XML → the neutral InboundMessage. Dedupe keys follow PROTOCOLS §1.7: MsgId for
// messages, FromUserName + CreateTime for events, TaskId + EventKey + user + what was selected for card
// clicks (channels/tap-id), so a corrected submission is heard while a retry counts once.
import { AppError } from "../../errors.js";
import type { InboundMessage } from "../../domain/message.js";
import { readSelectedItems, type XmlFields } from "./xml.js";
import { tapMessageId } from "../tap-id.js";

export type WecomInbound = InboundMessage & { kind: "text" | "card" | "event" | "other"; responseCode?: string };

export function toInbound(fields: XmlFields, receivedAt: Date): WecomInbound {
  const from = fields.FromUserName;
  if (!from || !fields.MsgType) throw new AppError("bad_payload", "message without FromUserName or MsgType");
  const base = { platform: "wecom" as const, senderId: from, receivedAt, payload: fields, text: "" };
  if (fields.Event === "template_card_event") {
    if (!fields.TaskId || !fields.EventKey) throw new AppError("bad_payload", "card event without TaskId or EventKey");
    const tap = { taskId: fields.TaskId, key: fields.EventKey, selections: readSelectedItems(fields.SelectedItems) };
    return { ...base, kind: "card", msgId: tapMessageId(tap, from), tap, responseCode: fields.ResponseCode || undefined };
  }
  if (fields.MsgType === "event") return { ...base, kind: "event", msgId: `event:${from}:${fields.CreateTime}` };
  if (!fields.MsgId) throw new AppError("bad_payload", "message without MsgId");
  // MsgId is a 64-bit integer: kept as the string it arrived as.
  return { ...base, kind: fields.MsgType === "text" ? "text" : "other", msgId: fields.MsgId, text: fields.Content ?? "" };
}
