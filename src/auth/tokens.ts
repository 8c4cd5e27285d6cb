import { createHash, randomBytes } from 'node:crypto';

/** A new opaque bearer or invitation token: 32 random bytes, base64url, with a prefix that tells what it is. */
export function newToken(prefix: 'mvs' | 'mvi'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** What is stored instead of a token: its SHA-256 (hex). The token itself is never stored or logged. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
