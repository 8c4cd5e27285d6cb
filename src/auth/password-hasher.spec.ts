import { parseOptions } from '@node-rs/argon2';
import { PasswordHasher } from './password-hasher';
import { hashToken, newToken } from './tokens';

describe('PasswordHasher', () => {
  const hasher = new PasswordHasher();

  it('hashes with Argon2id and verifies only the right password', async () => {
    const stored = await hasher.hash('Rätt-lösenord-1');
    expect(stored.startsWith('$argon2id$')).toBe(true);
    expect(parseOptions(stored)).toMatchObject({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    expect(await hasher.verify(stored, 'Rätt-lösenord-1')).toBe(true);
    expect(await hasher.verify(stored, 'rätt-lösenord-1')).toBe(false);
    expect(await hasher.verify('not a hash', 'x')).toBe(false);
    expect(await hasher.verifyDummy('x')).toBe(false);
  });
});

describe('tokens', () => {
  it('are random, prefixed, and stored only as a SHA-256', () => {
    const a = newToken('mvs');
    expect(a).toMatch(/^mvs_[A-Za-z0-9_-]{43}$/);
    expect(newToken('mvs')).not.toBe(a);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).toBe(hashToken(a));
  });
});
