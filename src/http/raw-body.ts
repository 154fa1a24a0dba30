// Reads a request body as text with a size cap; callbacks must see the exact bytes that were signed.
// Over the cap, the rest of the body is discarded (not destroyed: a destroyed request makes Koa answer
// its own plain-text 500) and the connection closes after our 413.
import type { Context } from "koa";
import { AppError } from "../errors.js";

export function readRawBody(ctx: Context, limit: number): Promise<string> {
  const tooLarge = () => {
    ctx.set("Connection", "close");
    return new AppError("payload_too_large", "body too large");
  };
  if (Number(ctx.get("content-length") || 0) > limit) {
    ctx.req.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      ctx.req.off("data", onData).off("end", onEnd).off("error", onError);
      ctx.req.resume();
      reject(tooLarge());
    };
    const onEnd = () => resolve(Buffer.concat(chunks).toString("utf8"));
    const onError = (error: Error) => reject(new AppError("bad_request", "request body interrupted", { cause: error }));
    ctx.req.on("data", onData).on("end", onEnd).on("error", onError);
  });
}
