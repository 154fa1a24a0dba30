// WeCom callback crypto (PROTOCOLS.md §1.4–1.6): SHA1 signature over the sorted strings, AES-256-CBC
// with the key's first 16 bytes as IV, PKCS#7 padding to 32 bytes. Sealing encrypts with @wecom/crypto; opening
// is done here (see decryptCbc for why), and the receive id is checked, which the library does not do:
// it is what catches a wrong key or a callback meant for another corporation.
import { createDecipheriv, hash, timingSafeEqual, type Decipher } from "node:crypto";
import { encrypt } from "@wecom/crypto";
import { AppError } from "../../errors.js";

export type WecomSecrets = { token: string; aesKey: string; corpId: string };

const BLOCK = 16;

/** msg_signature: SHA1 of the token, timestamp, nonce and ciphertext, sorted and joined (hex). */
const signatureOf = (token: string, timestamp: string, nonce: string, encrypted: string) => hash("sha1", [token, timestamp, nonce, encrypted].sort().join(""));

export function signatureMatches(secrets: WecomSecrets, timestamp: string, nonce: string, encrypted: string, signature: string): boolean {
  const expected = Buffer.from(signatureOf(secrets.token, timestamp, nonce, encrypted));
  const given = Buffer.from(signature.toLowerCase());
  return expected.length === given.length && timingSafeEqual(expected, given);
}

type Key = { iv: Buffer; ecb: Decipher };
const keys = new Map<string, Key>();

/** The EncodingAESKey (43 characters of base64) parsed once, with its decipher. */
function keyOf(aesKey: string): Key {
  let key = keys.get(aesKey);
  if (!key) {
    const bytes = Buffer.from(`${aesKey}=`, "base64");
    if (bytes.length !== 32) throw new Error("invalid EncodingAESKey");
    const ecb = createDecipheriv("aes-256-ecb", bytes, null);
    ecb.setAutoPadding(false);
    keys.set(aesKey, (key = { iv: bytes.subarray(0, BLOCK), ecb }));
  }
  return key;
}

/**
 * AES-256-CBC decryption as ECB decryption of each block, XORed with the ciphertext block before it (the
 * IV for the first): that is what CBC is. ECB keeps no state between blocks, so one decipher serves every
 * message; a CBC decipher made per message was a third of the decrypt's cost on the acknowledgement's
 * path. A ciphertext that is not whole blocks is refused before it reaches the shared decipher, which
 * would keep the remainder and garble the next message.
 */
function decryptCbc(key: Key, ciphertext: Buffer): Buffer {
  if (ciphertext.length === 0 || ciphertext.length % BLOCK !== 0) throw new Error("ciphertext is not whole AES blocks");
  const plain = key.ecb.update(ciphertext);
  for (let i = 0; i < BLOCK; i++) plain[i] ^= key.iv[i];
  for (let i = BLOCK; i < plain.length; i++) plain[i] ^= ciphertext[i - BLOCK];
  return plain;
}

/** The plaintext's parts: 16 random bytes, the message's length (4 bytes), the message, the receive id, PKCS#7 padding. */
function unpack(plain: Buffer): { message: string; id: string } {
  const pad = plain[plain.length - 1];
  const end = pad >= 1 && pad <= 32 ? plain.length - pad : plain.length; // as @wecom/crypto reads it
  if (end < 20) throw new Error("plaintext too short");
  const length = plain.readUInt32BE(16);
  if (20 + length > end) throw new Error("message length past the end");
  return { message: plain.toString("utf8", 20, 20 + length), id: plain.toString("utf8", 20 + length, end) };
}

/** Verifies and decrypts; throws bad_signature for anything forged, foreign or undecryptable. */
export function openEnvelope(secrets: WecomSecrets, q: { timestamp: string; nonce: string; signature: string }, encrypted: string): string {
  if (!signatureMatches(secrets, q.timestamp, q.nonce, encrypted, q.signature)) throw new AppError("bad_signature", "signature mismatch");
  let opened: { message: string; id: string };
  try {
    opened = unpack(decryptCbc(keyOf(secrets.aesKey), Buffer.from(encrypted, "base64")));
  } catch (error) {
    throw new AppError("bad_signature", "cannot decrypt", { cause: error });
  }
  if (opened.id !== secrets.corpId) throw new AppError("bad_signature", "receive id is not our CorpID");
  return opened.message;
}

/** For tests and passive replies: what WeCom would send. */
export function sealEnvelope(secrets: WecomSecrets, message: string, timestamp: string, nonce: string, random?: Buffer) {
  const encrypted = encrypt(secrets.aesKey, message, secrets.corpId, random);
  return { encrypted, signature: signatureOf(secrets.token, timestamp, nonce, encrypted) };
}
