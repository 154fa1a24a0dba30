// DingTalk robot messages and card callbacks as the pipeline sees them.
import { describe, expect, it } from "vitest";
import { cardToInbound, messageToInbound, parseRobotMessage, stripMentions } from "../../../src/channels/dingtalk/inbound.js";
import { robotMessage } from "../../helpers/dingtalk.js";
import { dingtalkCardCallback, dingtalkRobotMessage } from "../../helpers/platform-fixtures.js";

const at = new Date("2026-11-23T02:00:00Z");
describe("DingTalk inbound", () => {
  it("reads DingTalk's documented sample robot message (a group @-mention)", () => {
    const msg = messageToInbound(parseRobotMessage(dingtalkRobotMessage().body), at);
    expect(msg).toMatchObject({ platform: "dingtalk", kind: "text", msgId: "msg0xxxxx", senderId: "user123", text: "你好" });
    expect(msg.route).toMatchObject({ staffId: "user123", sessionWebhook: "https://oapi.dingtalk.com/robot/sendBySession?session=xxxxx", webhookExpiresAt: 1613635652738, conversationType: "2" });
  });

  it("reads the official SDK's sample card callback: its button's action id is the tap's key", () => {
    const tap = cardToInbound(dingtalkCardCallback().data, at);
    expect(tap).toMatchObject({ kind: "card", senderId: "04574258341072934", outTrackId: "53d6dda444c74f5f17bf4534333c1a46f690b4ddadac8d7e80fc11c2e4a714cb" });
    expect(tap.tap).toEqual({ taskId: "53d6dda444c74f5f17bf4534333c1a46f690b4ddadac8d7e80fc11c2e4a714cb", key: "button_node_ocljnpbz4i4", selections: [] });
  });

  it("strips the robot's mention and the space DingTalk leaves", () => {
    expect(stripMentions(" 讲座+1 查房+3")).toBe("讲座+1 查房+3");
    expect(stripMentions("@对口支援助手 讲座+1")).toBe("讲座+1");
    expect(stripMentions("讲座+1 @对口支援助手 ")).toBe("讲座+1");
    expect(stripMentions("讲座+1 查房+3")).toBe("讲座+1 查房+3");
  });

  it("reads a text message from a staff member, with where to answer", () => {
    const msg = messageToInbound(parseRobotMessage(robotMessage()), at);
    expect(msg).toMatchObject({ platform: "dingtalk", kind: "text", msgId: "msgABC123", senderId: "LiYiSheng", text: "讲座+1 查房+3" });
    expect(msg.route).toEqual({ staffId: "LiYiSheng", sessionWebhook: "https://oapi.dingtalk.com/robot/sendBySession?session=abc", webhookExpiresAt: at.getTime() + 90 * 60_000, conversationType: "1", conversationId: "cidAbc==" });
  });

  it("marks a sender without a staff id as external, and a picture as not text", () => {
    expect(messageToInbound(parseRobotMessage(robotMessage({ staffId: "" })), at)).toMatchObject({ kind: "external", senderId: "$:LWCP_v1:$sender" });
    expect(messageToInbound(parseRobotMessage(robotMessage({ msgtype: "picture" })), at)).toMatchObject({ kind: "other", text: "" });
  });

  it("refuses a body that is not a robot message", () => {
    expect(() => parseRobotMessage({ msgtype: "text" })).toThrow(/msgId/);
    expect(() => parseRobotMessage({ msgId: "x", msgtype: "text", sessionWebhook: "not a url" })).toThrow(/sessionWebhook/);
  });

  it("reads a card tap: the action id is the key, metric-named inputs are the selections", () => {
    const content = JSON.stringify({ cardPrivateData: { actionIds: ["submit"], params: { rounds: "3", lectures: " 1", patients: "", note: "x" } } });
    const tap = cardToInbound({ outTrackId: "qr_7_20261123_0123456789ab", userId: "LiYiSheng", content, corpId: "dingcorp", type: "actionCallback" }, at);
    expect(tap).toMatchObject({ kind: "card", msgId: expect.stringMatching(/^card:qr_7_20261123_0123456789ab:submit:LiYiSheng:[0-9a-f]{12}$/), senderId: "LiYiSheng", outTrackId: "qr_7_20261123_0123456789ab" });
    expect(tap.tap).toEqual({ taskId: "qr_7_20261123_0123456789ab", key: "submit", selections: [{ questionKey: "rounds", optionIds: ["3"] }, { questionKey: "lectures", optionIds: ["1"] }] });
    const button = cardToInbound({ outTrackId: "arr_1_0123456789ab", userId: "WangYuanZhang", content: JSON.stringify({ cardPrivateData: { actionIds: ["arrived"], params: {} } }) }, at);
    expect(button.msgId).toBe("card:arr_1_0123456789ab:arrived:WangYuanZhang");
    expect(() => cardToInbound({ outTrackId: "x", userId: "u", content: "{}" }, at)).toThrow(/without an action/);
    expect(() => cardToInbound({ userId: "u" }, at)).toThrow(/not a DingTalk card callback/);
  });
});
