// Builds WeCom callbacks the way WeCom does (PROTOCOLS.md §1): encrypt with the EncodingAESKey,
// sign the sorted strings, wrap in the XML envelope.
import { sealEnvelope, type WecomSecrets } from "../../src/channels/wecom/crypto.js";

// Official sample set A (PROTOCOLS.md §5.1).
export const SET_A: WecomSecrets & { agentId: string } = {
  token: "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo", aesKey: "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt", corpId: "ww1436e0e65a779aee", agentId: "1000002",
};
// Official sample set B (PROTOCOLS.md §5.2).
export const SET_B: WecomSecrets & { agentId: string } = {
  token: "QDG6eK", aesKey: "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C", corpId: "wx5823bf96d3bd56c7", agentId: "218",
};

export function textXml(o: { corpId: string; from: string; content: string; msgId: string; agentId: string; createTime: number }): string {
  return `<xml><ToUserName><![CDATA[${o.corpId}]]></ToUserName><FromUserName><![CDATA[${o.from}]]></FromUserName><CreateTime>${o.createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${o.content}]]></Content><MsgId>${o.msgId}</MsgId><AgentID>${o.agentId}</AgentID></xml>`;
}

/** A voice message to a self-built app (doc 90239): MediaId and Format, no transcript. */
export function voiceXml(o: { corpId: string; from: string; msgId: string; agentId: string; createTime: number }): string {
  return `<xml><ToUserName><![CDATA[${o.corpId}]]></ToUserName><FromUserName><![CDATA[${o.from}]]></FromUserName><CreateTime>${o.createTime}</CreateTime><MsgType><![CDATA[voice]]></MsgType><MediaId><![CDATA[media_voice_1]]></MediaId><Format><![CDATA[amr]]></Format><MsgId>${o.msgId}</MsgId><AgentID>${o.agentId}</AgentID></xml>`;
}

export function envelope(corpId: string, encrypted: string, agentId: string): string {
  return `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName>\n<Encrypt><![CDATA[${encrypted}]]></Encrypt>\n<AgentID><![CDATA[${agentId}]]></AgentID>\n</xml>`;
}

/** A signed POST: query string and body. */
export function buildCallback(secrets: WecomSecrets & { agentId: string }, plaintext: string, timestamp: number, nonce = "1597212914") {
  const { encrypted, signature } = sealEnvelope(secrets, plaintext, String(timestamp), nonce);
  const query = new URLSearchParams({ msg_signature: signature, timestamp: String(timestamp), nonce });
  return { query: query.toString(), body: envelope(secrets.corpId, encrypted, secrets.agentId) };
}

/** A template_card_event as PROTOCOLS §1.9 shows it; `spelling` picks the sample's OptionIds or OpitonIds. */
export function cardEventXml(o: {
  corpId: string; from: string; taskId: string; eventKey: string; responseCode: string; agentId: string; createTime: number;
  cardType?: string; selected?: { questionKey: string; optionIds: string[] }[]; spelling?: "OptionId" | "OpitonId";
}): string {
  const tag = o.spelling ?? "OptionId";
  const items = (o.selected ?? []).map((s) =>
    `<SelectedItem><QuestionKey><![CDATA[${s.questionKey}]]></QuestionKey><${tag}s>${s.optionIds.map((id) => `<${tag}><![CDATA[${id}]]></${tag}>`).join("")}</${tag}s></SelectedItem>`).join("");
  return `<xml><ToUserName><![CDATA[${o.corpId}]]></ToUserName><FromUserName><![CDATA[${o.from}]]></FromUserName><CreateTime>${o.createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event><EventKey><![CDATA[${o.eventKey}]]></EventKey><TaskId><![CDATA[${o.taskId}]]></TaskId><CardType><![CDATA[${o.cardType ?? "button_interaction"}]]></CardType><ResponseCode><![CDATA[${o.responseCode}]]></ResponseCode><AgentID>${o.agentId}</AgentID>${items ? `<SelectedItems>${items}</SelectedItems>` : ""}</xml>`;
}
