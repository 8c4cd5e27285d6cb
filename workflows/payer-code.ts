/**
 * Payer codes, once (issue 15 #3): the routine's "SKL" is SKR (renamed 2019), and case and surrounding spaces do
 * not count. Pure and deterministic, so the payout workflow's validators and the API (src/paying-bodies) share it.
 */

/** The national payer: Sveriges Kommuner och Regioner. */
export const SKR = 'SKR';
const ALIASES: Record<string, string> = { SKL: SKR, SKR };

/** The canonical code of a payer code as a person may type it: `skl`, `SKL` and `skr` are all `SKR`. */
export function canonicalPayerCode(code: string): string {
  const trimmed = code.trim();
  return ALIASES[trimmed.toUpperCase()] ?? trimmed;
}

/** Whether two payer codes name the same payer: case and surrounding spaces do not count, and SKL is SKR. */
export function samePayer(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return false;
  return canonicalPayerCode(a).toUpperCase() === canonicalPayerCode(b).toUpperCase();
}
