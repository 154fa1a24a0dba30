// The robot signature of PROTOCOLS §5.4. DingTalk publishes no official vector for it: these are the
// self-computed ones recorded there (Node and Python agree), plus our own refusals.
import { describe, expect, it } from "vitest";
import { MAX_SIGN_AGE_MS, robotSign, verifyRobotSign } from "../../../src/channels/dingtalk/sign.js";

describe("DingTalk robot signature", () => {
  it("matches the vectors of PROTOCOLS §5.4", () => {
    expect(robotSign("1577262236757", "this is secret")).toBe("hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=");
    expect(encodeURIComponent(robotSign("1577262236757", "this is secret"))).toBe("hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D");
    expect(robotSign("1546084445901", "testappSecret")).toBe("fYP0TV8RJULxGabs59wSO94FZbNekbH7ebQJu2oy+/0=");
  });

  const timestamp = "1577262236757";
  const sign = "hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=";
  const at = Number(timestamp);

  it("accepts the doc's sample headers within the hour, either side", () => {
    expect(() => verifyRobotSign({ timestamp, sign }, "this is secret", at + MAX_SIGN_AGE_MS)).not.toThrow();
    expect(() => verifyRobotSign({ timestamp, sign }, "this is secret", at - MAX_SIGN_AGE_MS)).not.toThrow();
  });

  it("refuses a stale timestamp, a wrong secret, an encoded sign and missing headers", () => {
    const refused = (headers: { timestamp?: string; sign?: string }, secret = "this is secret", now = at) => {
      try {
        verifyRobotSign(headers, secret, now);
        return "accepted";
      } catch (error) {
        return `${(error as { status: number }).status} ${(error as Error).message}`;
      }
    };
    expect(refused({ timestamp, sign }, "this is secret", at + MAX_SIGN_AGE_MS + 1)).toBe("401 stale timestamp");
    expect(refused({ timestamp, sign }, "this is secreT")).toBe("401 sign does not match");
    expect(refused({ timestamp, sign: encodeURIComponent(sign) })).toBe("401 sign does not match");
    expect(refused({ timestamp: String(at + 1), sign })).toBe("401 sign does not match");
    expect(refused({ sign })).toMatch(/^401 missing/);
    expect(refused({ timestamp })).toMatch(/^401 missing/);
  });
});
