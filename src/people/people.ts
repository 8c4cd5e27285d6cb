/** The name of the constraint (or trigger-raised constraint) a database error is about, if any. */
export function violatedConstraint(e: unknown): string | undefined {
  const o = e as { constraint?: unknown; driverError?: { constraint?: unknown } } | null;
  const c = o?.constraint ?? o?.driverError?.constraint;
  return typeof c === 'string' ? c : undefined;
}
