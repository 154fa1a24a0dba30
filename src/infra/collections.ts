// Small collection helpers Node 20 lacks.

/** Map.groupBy (Node 21+): items grouped by key, in first-seen order. */
export function groupBy<T, K>(items: Iterable<T>, key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** Splits a list into slices of at most `size`, for queries with long IN lists. */
export function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Long IN lists are split: PostgreSQL takes at most 65,535 bind parameters a statement. */
export const IDS_PER_QUERY = 5000;
