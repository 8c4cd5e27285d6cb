import { randomBytes } from 'node:crypto';
import { FieldCipher } from './field-cipher';

describe('FieldCipher', () => {
  const cipher = new FieldCipher(randomBytes(32));

  it('round-trips a value and never stores it in the clear', () => {
    const stored = cipher.encrypt('19121212-1212');
    expect(stored).not.toContain('1212');
    expect(cipher.decrypt(stored)).toBe('19121212-1212');
  });

  it('uses a fresh IV each time, so equal values do not look equal', () => {
    expect(cipher.encrypt('x')).not.toBe(cipher.encrypt('x'));
  });

  it('refuses a tampered value', () => {
    const stored = cipher.encrypt('1234-5678');
    const parts = stored.split('.');
    const ct = Buffer.from(parts[3], 'base64url');
    ct[0] ^= 1;
    parts[3] = ct.toString('base64url');
    expect(() => cipher.decrypt(parts.join('.'))).toThrow();
  });

  it('refuses another key', () => {
    expect(() => new FieldCipher(randomBytes(32)).decrypt(cipher.encrypt('x'))).toThrow();
  });

  it('gives a stable blind index per key', () => {
    expect(cipher.blindIndex('a')).toBe(cipher.blindIndex('a'));
    expect(cipher.blindIndex('a')).not.toBe(cipher.blindIndex('b'));
    expect(new FieldCipher(randomBytes(32)).blindIndex('a')).not.toBe(cipher.blindIndex('a'));
  });
});
