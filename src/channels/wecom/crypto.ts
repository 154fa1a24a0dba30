// WeCom callback crypto (PROTOCOLS.md §1.4–1.6): SHA1 signature over the sorted strings, AES-256-CBC
// via @wecom/crypto. The library does not check the receive id, so we do: it is what catches a
// wrong key or a callback meant for another corporation.
import { timingSafeEqual } from "node:crypto";
import { decrypt, encrypt, getSignature } from "@wecom/crypto";
import { AppError } from "../../errors.js";

export type WecomSecrets = { token: string; aesKey: string; corpId: string };

export function signatureMatches(secrets: WecomSecrets, timestamp: string, nonce: string, encrypted: string, signature: string): boolean {
  const expected = Buffer.from(getSignature(secrets.token, timestamp, nonce, encrypted));
  const given = Buffer.from(signature.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Verifies and decrypts; throws bad_signature for anything forged, foreign or undecryptable. */
export function openEnvelope(secrets: WecomSecrets, q: { timestamp: string; nonce: string; signature: string }, encrypted: string): string {
  if (!signatureMatches(secrets, q.timestamp, q.nonce, encrypted, q.signature)) throw new AppError("bad_signature", "signature mismatch");
  let opened: { message: string; id: string };
  try {
    opened = decrypt(secrets.aesKey, encrypted);
  } catch (error) {
    throw new AppError("bad_signature", "cannot decrypt", { cause: error });
  }
  if (opened.id !== secrets.corpId) throw new AppError("bad_signature", "receive id is not our CorpID");
  return opened.message;
}

/** For tests and passive replies: what WeCom would send. */
export function sealEnvelope(secrets: WecomSecrets, message: string, timestamp: string, nonce: string, random?: Buffer) {
  const encrypted = encrypt(secrets.aesKey, message, secrets.corpId, random);
  return { encrypted, signature: getSignature(secrets.token, timestamp, nonce, encrypted) };
}
