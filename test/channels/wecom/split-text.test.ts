import { describe, expect, it } from "vitest";
import { splitText } from "../../../src/channels/wecom/split-text.js";

describe("splitting text for WeCom's 2,048-byte limit", () => {
  it("keeps short text whole", () => {
    expect(splitText("已记录：讲座 1 次。\n本月：讲座 1。", 2048)).toEqual(["已记录：讲座 1 次。\n本月：讲座 1。"]);
  });

  it("cuts a line longer than a part between characters, never inside a three-byte one", () => {
    const line = "查".repeat(1000); // 3,000 bytes
    const parts = splitText(`开头\n${line}\n结尾`, 2048);
    expect(parts.join("").replace(/\n/g, "")).toBe(`开头${line}结尾`);
    for (const part of parts) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(2048);
    expect(parts[0]).toBe("开头");
    expect(parts.at(-1)!.endsWith("结尾")).toBe(true);
  });
});
