// A page of rows and how many there are in all, read together (not a service of its own: the list services share it).
export async function withTotal<T>(rows: Promise<T[]>, total: Promise<number>): Promise<{ rows: T[]; total: number }> {
  const [page, count] = await Promise.all([rows, total]);
  return { rows: page, total: count };
}
