import { isUuid, UUID_PATTERN } from './uuid';

describe('isUuid', () => {
  it('accepts a UUID in either case', () => {
    expect(isUuid('0b6f3c2e-8f1a-4c7d-9e2b-5a4d3c2b1a09')).toBe(true);
    expect(isUuid('0B6F3C2E-8F1A-4C7D-9E2B-5A4D3C2B1A09')).toBe(true);
  });

  it('refuses what only looks like one', () => {
    expect(isUuid('0b6f3c2e8f1a4c7d9e2b5a4d3c2b1a09')).toBe(false); // no dashes
    expect(isUuid('------------------------------------')).toBe(false); // 36 characters of the right alphabet
    expect(isUuid('0b6f3c2e-8f1a-4c7d-9e2b-5a4d3c2b1a0g')).toBe(false);
    expect(isUuid(' 0b6f3c2e-8f1a-4c7d-9e2b-5a4d3c2b1a09')).toBe(false);
    expect(isUuid('system:assignment-1')).toBe(false);
    expect(isUuid(undefined)).toBe(false);
    expect(isUuid(42)).toBe(false);
  });

  it('is the pattern the OpenAPI schema publishes', () => {
    expect(new RegExp(UUID_PATTERN).source).toBe(UUID_PATTERN);
    expect(UUID_PATTERN.startsWith('^') && UUID_PATTERN.endsWith('$')).toBe(true);
  });
});
