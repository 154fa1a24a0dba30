// DingTalk bodies and signed requests for tests, built as PROTOCOLS §4 documents them.
import { robotSign } from "../../src/channels/dingtalk/sign.js";

/** A robot text message as DingTalk posts it (HTTP mode) or puts it in a Stream frame's data. */
export const robotMessage = (o: { content?: string; staffId?: string; msgId?: string; msgtype?: string; at?: Date; webhook?: string } = {}, at = o.at ?? new Date("2026-11-23T02:00:00Z")) => ({
  conversationId: "cidAbc==", atUsers: [{ dingtalkId: "$:LWCP_v1:$robot" }], chatbotCorpId: "dingcorp", chatbotUserId: "$:LWCP_v1:$robot",
  msgId: o.msgId ?? "msgABC123", senderNick: "李医生", isAdmin: false, senderStaffId: o.staffId ?? "LiYiSheng",
  sessionWebhookExpiredTime: at.getTime() + 90 * 60_000, createAt: at.getTime(), senderCorpId: "dingcorp", conversationType: "1",
  senderId: "$:LWCP_v1:$sender", sessionWebhook: o.webhook ?? "https://oapi.dingtalk.com/robot/sendBySession?session=abc", robotCode: "dingrobot",
  msgtype: o.msgtype ?? "text", ...(o.msgtype && o.msgtype !== "text" ? {} : { text: { content: o.content ?? " 讲座+1 查房+3" } }),
});

/**
 * A robot audio message: `content: { duration, downloadCode, recognition }`, recognition being DingTalk's
 * transcript and absent when it heard nothing (PROTOCOLS §8, from the SDKs' models and tests).
 */
export const audioMessage = (o: { recognition?: string; staffId?: string; msgId?: string; at?: Date; webhook?: string }) => {
  const { text: _text, ...rest } = robotMessage({ ...o, msgtype: "audio" }) as ReturnType<typeof robotMessage> & { text?: unknown };
  return { ...rest, content: { duration: 4000, downloadCode: "dl-code", ...(o.recognition === undefined ? {} : { recognition: o.recognition }) } };
};

/** The card callback DingTalk sends when a button is tapped or a form submitted (PROTOCOLS §4d). */
export const cardCallback = (o: { outTrackId: string; userId: string; action: string; params?: Record<string, string> }) => ({
  type: "actionCallback", outTrackId: o.outTrackId, userId: o.userId, userIdType: 1, corpId: "dingcorp", spaceType: "IM_ROBOT", spaceId: o.userId,
  extension: "{}", content: JSON.stringify({ cardPrivateData: { actionIds: [o.action], params: o.params ?? {} } }),
});

/** The headers DingTalk signs an HTTP-mode callback with. */
export function signedHeaders(secret: string, at = Date.now()): Record<string, string> {
  const timestamp = String(at);
  return { "content-type": "application/json", timestamp, sign: robotSign(timestamp, secret) };
}
