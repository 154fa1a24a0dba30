// Reads a request body as text with a size cap; callbacks must see the exact bytes that were signed.
import type { Context } from "koa";
import { AppError } from "../errors.js";

export async function readRawBody(ctx: Context, limit: number): Promise<string> {
  const declared = Number(ctx.get("content-length") || 0);
  if (declared > limit) throw new AppError("payload_too_large", "body too large");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new AppError("payload_too_large", "body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
