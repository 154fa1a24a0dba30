// Query and body pieces the endpoints share.
import { z } from "zod";
import { AppError } from "../errors.js";
import { isValidDate } from "../infra/time.js";
import { createRenderer } from "../templates/render.js";

const say = createRenderer("api");

/** The years a programme's records can fall in: a typo such as 9999 or 0001 is refused, not stored. */
const YEARS = { min: 2000, max: 2099 };

export const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
  .refine((d) => isValidDate(Number(d.slice(0, 4)), Number(d.slice(5, 7)), Number(d.slice(8, 10))), "not a calendar date")
  .refine((d) => Number(d.slice(0, 4)) >= YEARS.min && Number(d.slice(0, 4)) <= YEARS.max, `a year from ${YEARS.min} to ${YEARS.max}`);

export const Page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
};

/** A record id: a positive 32-bit integer, as the database keys are. */
export const Id = z.coerce.number().int().positive().max(2_147_483_647);

/** An id from the path: anything that cannot be a record's id names no record (404). */
export function pathId(raw: string | undefined): number {
  const parsed = Id.safeParse(raw);
  if (!parsed.success) throw new AppError("not_found", say("not_found"));
  return parsed.data;
}

/** Query flags arrive as text: ?daily=true. */
export const Flag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

export const paged = <T>(items: T[], total: number, page: number, pageSize: number) => ({ items, page, pageSize, total });

/** One page of a query and the total, together: `find` gets the rows to skip and take. */
export async function pageOf<T, R>(q: { page: number; pageSize: number }, find: (page: { skip: number; take: number }) => Promise<{ rows: T[]; total: number }>, map: (row: T) => R) {
  const { rows, total } = await find({ skip: (q.page - 1) * q.pageSize, take: q.pageSize });
  return paged(rows.map(map), total, q.page, q.pageSize);
}
