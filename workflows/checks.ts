import { invalidInput } from './refusals';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** A user id for the audit log: refuses anything else, so no free text (or personal data) reaches history. */
export function requireActor(args: unknown): string {
  const actorId = (args as { actorId?: unknown } | undefined)?.actorId;
  if (!isUuid(actorId)) throw invalidInput('Den som utför steget måste anges (användarens id).');
  return actorId;
}

export const isIsoDate = (v: unknown): v is string =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
