// Waiting for the event a test is about (a reply sent, a row written, a key expired), not for a fixed
// time: the check is polled until it holds or `ms` runs out. A check that holds is not asked again, so
// one with a side effect (a claim) runs its effect once.
export async function waitFor(check: () => boolean | Promise<boolean>, ms = 10_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
}
