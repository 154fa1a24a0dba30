// Who among an organisation's leaders a reminder about one department goes to: that department's
// head(s) if the roster names any, else the leaders without a department (every leader, for none).
export type Leader = { id: number; name: string; department: string | null };

export function headsFor(leaders: Leader[], department?: string | null): { id: number; name: string }[] {
  const heads = department ? leaders.filter((l) => l.department === department) : [];
  const chosen = heads.length > 0 ? heads : leaders.filter((l) => !l.department || !department);
  return chosen.map(({ id, name }) => ({ id, name }));
}
