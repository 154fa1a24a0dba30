// Query and body pieces the endpoints share.
import { z } from "zod";
import { dbDate, isValidDate } from "../infra/time.js";

export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
  .refine((d) => isValidDate(Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))), "not a calendar date");

export const Page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};

export const Id = z.coerce.number().int().positive();

/** Query flags arrive as text: ?daily=true. */
export const Flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const paged = <T>(items: T[], total: number, page: number, pageSize: number) => ({ items, page, pageSize, total });

/** One page of a query and the total, together: `find` gets the rows to skip and take. */
export async function pageOf<T, R>(q: { page: number; pageSize: number }, find: (skip: number, take: number) => Promise<T[]>, count: () => Promise<number>, map: (row: T) => R) {
  const [items, total] = await Promise.all([find((q.page - 1) * q.pageSize, q.pageSize), count()]);
  return paged(items.map(map), total, q.page, q.pageSize);
}

/** A date range over optional ends, for a Prisma date column. */
export const between = (from?: string, to?: string) => ({ gte: from ? dbDate(from) : undefined, lte: to ? dbDate(to) : undefined });
