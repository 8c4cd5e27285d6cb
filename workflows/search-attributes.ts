/**
 * Search attributes the workflows keep current, so the Temporal UI and list queries show where every case
 * stands. They are registered on the dev server at start (src/dev/temporal-dev-server.ts) and by the
 * temporal-admin-tools step in docker-compose.yml. Values are IDs and state names, never personal data.
 */
export const SEARCH_ATTRIBUTES = {
  MedverkanGroupId: 'Keyword',
  MedverkanState: 'Keyword',
  MedverkanPayer: 'Keyword',
  MedverkanKind: 'Keyword',
} as const;

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;

export const groupIdKey = { name: 'MedverkanGroupId', type: 'KEYWORD' } as const;
export const stateKey = { name: 'MedverkanState', type: 'KEYWORD' } as const;
export const payerKey = { name: 'MedverkanPayer', type: 'KEYWORD' } as const;
export const kindKey = { name: 'MedverkanKind', type: 'KEYWORD' } as const;
