// Decrypted WeCom XML → the neutral InboundMessage. Dedupe keys follow PROTOCOLS §1.7: MsgId for
// messages, FromUserName + CreateTime for events, TaskId + EventKey + user for card clicks.
import { AppError } from "../../errors.js";
import type { InboundMessage } from "../../services/inbound.js";
import type { XmlFields } from "./xml.js";

export function toInbound(fields: XmlFields, receivedAt: Date): InboundMessage & { kind: "text" | "event" | "other" } {
  const from = fields.FromUserName;
  if (!from || !fields.MsgType) throw new AppError("bad_payload", "message without FromUserName or MsgType");
  const base = { platform: "wecom" as const, senderId: from, receivedAt, payload: fields };
  if (fields.MsgType === "event") {
    const msgId = fields.Event === "template_card_event"
      ? `card:${fields.TaskId}:${fields.EventKey}:${from}`
      : `event:${from}:${fields.CreateTime}`;
    return { ...base, kind: "event", msgId, text: "" };
  }
  if (!fields.MsgId) throw new AppError("bad_payload", "message without MsgId");
  // MsgId is a 64-bit integer: kept as the string it arrived as.
  return { ...base, kind: fields.MsgType === "text" ? "text" : "other", msgId: fields.MsgId, text: fields.Content ?? "" };
}
