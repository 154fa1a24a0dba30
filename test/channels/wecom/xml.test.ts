// The WeCom XML reader on WeCom's documented samples, and on hostile bodies: it runs before any
// signature can be checked, so whatever it is given it answers (or refuses) in one forward pass.
import { describe, expect, it, vi } from "vitest";
import { openEnvelope } from "../../../src/channels/wecom/crypto.js";
import { toInbound } from "../../../src/channels/wecom/inbound.js";
import { readSelectedItems, readXml } from "../../../src/channels/wecom/xml.js";
import { HOSTILE_XML } from "../../helpers/hostile-xml.js";
import { wecomCallbackSetA, wecomCardEventXml } from "../../helpers/platform-fixtures.js";

describe("WeCom XML reader", () => {
  it("opens the official sample callback (set A) to the documented text message", () => {
    const sample = wecomCallbackSetA();
    const envelope = readXml(sample.body);
    expect(envelope).toMatchObject({ ToUserName: sample.corpId, AgentID: "1000002" });
    const secrets = { token: sample.token, aesKey: sample.encodingAesKey, corpId: sample.corpId };
    const q = { timestamp: sample.query.timestamp, nonce: sample.query.nonce, signature: sample.query.msg_signature };
    const plaintext = openEnvelope(secrets, q, envelope.Encrypt);
    expect(plaintext).toBe(sample.plaintext);
    const msg = toInbound(readXml(plaintext), new Date(0));
    expect(msg).toMatchObject({ kind: "text", msgId: "1456453720", senderId: "ChenJiaShun", text: "你好" });
  });

  it("reads the documented template_card_event with its selected items", () => {
    const fields = readXml(wecomCardEventXml());
    expect(fields).toMatchObject({ Event: "template_card_event", EventKey: "key111", TaskId: "taskid111", ResponseCode: "ResponseCode" });
    expect(readSelectedItems(fields.SelectedItems)).toEqual([
      { questionKey: "QuestionKey1", optionIds: ["OptionId1", "OptionId2"] },
      { questionKey: "QuestionKey2", optionIds: ["OptionId3", "OptionId4"] },
    ]);
  });

  it("gives a corrected form submission its own message id, and a repeat of the same one the same id", () => {
    const event = (option: string) => readXml(wecomCardEventXml().replace("OptionId1", option));
    const first = toInbound(event("OptionId1"), new Date(0));
    expect(toInbound(event("OptionId1"), new Date(0)).msgId).toBe(first.msgId);
    expect(toInbound(event("OptionId9"), new Date(0)).msgId).not.toBe(first.msgId);
    expect(first.msgId).toMatch(/^card:taskid111:key111:FromUser:[0-9a-f]{12}$/);
  });

  it("keeps CDATA as written, markup and all, and decodes entities outside it", () => {
    expect(readXml("<xml><Content><![CDATA[a</Content><b>]]></Content><X>&lt;&#x4e2d;&amp;</X></xml>")).toEqual({ Content: "a</Content><b>", X: "<中&" });
  });

  it.each([
    ["unclosed tags", "<xml>" + "<a>".repeat(16_000) + "</xml>"],
    ["a run of '<'", "<xml>" + "<".repeat(65_000) + "</xml>"],
    ["thousands of elements", "<xml>" + "<a></a>".repeat(9_000) + "</xml>"],
    ["an unclosed CDATA section", "<xml><a><![CDATA[" + "x".repeat(65_000) + "</a></xml>"],
    ["a DTD", '<!DOCTYPE x [<!ENTITY e "x">]><xml><a>&e;</a></xml>'],
    ["text between elements", "<xml>junk<a>1</a></xml>"],
    ["not WeCom's root", "<root><a>1</a></root>"],
    ["nested elements of the same name", "<xml><a><a>1</a></a></xml>"],
    ["thousands of character references in one value", "<xml><Encrypt>" + "&amp;".repeat(1001) + "</Encrypt></xml>"],
  ])("refuses %s as a bad payload", (_, body) => {
    expect(() => readXml(body)).toThrow(expect.objectContaining({ code: "bad_payload" }));
  });

  it("refuses a body over 64 KB before reading it", () => {
    expect(() => readXml("<xml>" + "x".repeat(64 * 1024) + "</xml>")).toThrow(expect.objectContaining({ code: "payload_too_large" }));
  });
  // The reader runs before the signature is checked, so its work must grow no faster than the body. Counted,
  // not timed: every character indexOf looks at, summed over the whole read (issue 26: CDATA runs were
  // quadratic, 62 ms of CPU for one 64 KB body).
  it.each(HOSTILE_XML)("reads %s in work linear in the body", (_, body) => {
    let scanned = 0;
    const indexOf = String.prototype.indexOf;
    const spy = vi.spyOn(String.prototype, "indexOf").mockImplementation(function (this: string, search: string, from = 0) {
      const at = indexOf.call(this, search, from);
      scanned += (at < 0 ? this.length : at) - Math.max(0, from);
      return at;
    });
    try {
      readXml(body);
    } catch {
      // Refused or read: either way the work is what is counted.
    } finally {
      spy.mockRestore();
    }
    expect(scanned).toBeLessThan(8 * body.length);
  });
});
