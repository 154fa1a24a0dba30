// Constant-time equality of two texts (a token a caller sent against ours).
import { timingSafeEqual } from "node:crypto";

export const sameText = (a: string, b: string): boolean => {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
};
