// DingTalk's robot signature (PROTOCOLS §4a): Base64(HmacSHA256(key = appSecret, timestamp + "\n" + appSecret)),
// sent un-encoded in the `sign` header next to `timestamp` (ms). Both the age and the sign must pass.
import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "../../errors.js";

/** DingTalk's own limit: a timestamp more than an hour from our clock is refused. */
export const MAX_SIGN_AGE_MS = 3600_000;

export function robotSign(timestamp: string, secret: string): string {
  return createHmac("sha256", secret).update(`${timestamp}\n${secret}`, "utf8").digest("base64");
}

/**
 * Throws bad_signature (401, one security log line) unless the headers were signed with this secret,
 * recently: within `maxAgeMs` of our clock, at most DingTalk's own hour.
 */
export function verifyRobotSign(headers: { timestamp?: string; sign?: string }, secret: string, now: number, maxAgeMs = MAX_SIGN_AGE_MS): void {
  const { timestamp, sign } = headers;
  if (!timestamp || !sign || !/^\d{10,16}$/.test(timestamp)) throw new AppError("bad_signature", "missing or malformed timestamp/sign headers");
  if (Math.abs(now - Number(timestamp)) > Math.min(maxAgeMs, MAX_SIGN_AGE_MS)) throw new AppError("bad_signature", "stale timestamp");
  const expected = Buffer.from(robotSign(timestamp, secret));
  const given = Buffer.from(sign);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new AppError("bad_signature", "sign does not match");
}
