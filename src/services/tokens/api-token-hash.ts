// Admin API tokens are stored as a SHA-256 only, so a database dump does not hand out access (not a
// service of its own: the shared hashing of create-api-token and find-api-token).
import { createHash, timingSafeEqual } from "node:crypto";

export const TOKEN_PREFIX = "dk_";
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** ADMIN_TOKEN compared in constant time (both sides hashed to one length first). */
export function isAdminToken(given: string, adminToken: string | undefined): boolean {
  if (!adminToken) return false;
  return timingSafeEqual(Buffer.from(hashToken(given), "hex"), Buffer.from(hashToken(adminToken), "hex"));
}
