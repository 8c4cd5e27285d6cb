import { invalidInput } from './refusals';

/**
 * What counts as a UUID, once (issue 15 #3): 8-4-4-4-12 hexadecimal digits, either case. The workflows' validators,
 * and through src/common/uuid.ts the access policy, payouts, documents, activities and the OpenAPI pattern, use it.
 */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const UUID = new RegExp(UUID_PATTERN);
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** A user id for the audit log: refuses anything else, so no free text (or personal data) reaches history. */
export function requireActor(args: unknown): string {
  const actorId = (args as { actorId?: unknown } | undefined)?.actorId;
  if (!isUuid(actorId)) throw invalidInput('Den som utför steget måste anges (användarens id).');
  return actorId;
}

export const isIsoDate = (v: unknown): v is string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
