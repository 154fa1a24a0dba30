// Opening WeCom's envelopes with one shared decipher (crypto.ts): every message must open exactly as
// @wecom/crypto opens it, whatever came before it, a malformed one included.
import { encrypt, decrypt, getSignature } from "@wecom/crypto";
import { describe, expect, it } from "vitest";
import { openEnvelope, sealEnvelope } from "../../../src/channels/wecom/crypto.js";
import { SET_A, SET_B } from "../../helpers/wecom.js";

const signed = (secrets: typeof SET_A, encrypted: string) => ({ timestamp: "1409659813", nonce: "1372623149", signature: getSignature(secrets.token, "1409659813", "1372623149", encrypted) });
const open = (secrets: typeof SET_A, encrypted: string) => openEnvelope(secrets, signed(secrets, encrypted), encrypted);

describe("WeCom envelope", () => {
  it("opens messages of every length around the block sizes as @wecom/crypto does, two keys interleaved", () => {
    for (let n = 0; n < 80; n++) {
      for (const secrets of [SET_A, SET_B]) {
        const message = `<xml>${"讲".repeat(n % 7)}${"x".repeat(n)}</xml>`;
        const encrypted = encrypt(secrets.aesKey, message, secrets.corpId);
        expect(decrypt(secrets.aesKey, encrypted).message).toBe(message);
        expect(open(secrets, encrypted)).toBe(message);
      }
    }
  });

  it("refuses a signed ciphertext that is not whole AES blocks, and the next message still opens", () => {
    const good = sealEnvelope(SET_A, "<xml>next</xml>", "1409659813", "1372623149").encrypted;
    const partial = Buffer.from(good, "base64").subarray(0, 40).toString("base64");
    expect(() => open(SET_A, partial)).toThrow(expect.objectContaining({ code: "bad_signature", message: "cannot decrypt" }));
    expect(open(SET_A, good)).toBe("<xml>next</xml>");
  });

  it("refuses a ciphertext opened with another corporation's key or carrying another receive id", () => {
    const foreign = encrypt(SET_A.aesKey, "<xml/>", "ww-someone-else");
    expect(() => open(SET_A, foreign)).toThrow(expect.objectContaining({ code: "bad_signature" }));
    const withB = encrypt(SET_B.aesKey, "<xml/>", SET_A.corpId);
    expect(() => open(SET_A, withB)).toThrow(expect.objectContaining({ code: "bad_signature" }));
  });

  it("refuses a wrong signature before decrypting", () => {
    const { encrypted } = sealEnvelope(SET_A, "<xml/>", "1", "2");
    expect(() => openEnvelope(SET_A, { timestamp: "1", nonce: "2", signature: "0".repeat(40) }, encrypted)).toThrow(expect.objectContaining({ message: "signature mismatch" }));
  });
});
