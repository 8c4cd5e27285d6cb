/**
 * What counts as a UUID (issue 15 #3: one definition): 8-4-4-4-12 hexadecimal digits, either case. The access
 * policy, payouts, documents, activities and the OpenAPI schema's pattern all use this one.
 */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const UUID = new RegExp(UUID_PATTERN);

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);
