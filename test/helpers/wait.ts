// Waiting for the event a test is about (a reply sent, a row written), not for a fixed time: the check
// is polled until it holds or `ms` runs out; the answer is the check's last result.
export async function waitFor(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<boolean> {
  for (let i = 0; i < ms / 20 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
  return check();
}
