import { isEmail } from 'class-validator';
import { EMAIL_PATTERN } from './openapi-validation';

/** The document's e-mail pattern is a part of what the API's isEmail takes, so no address it calls valid is refused. */
describe('EMAIL_PATTERN', () => {
  const re = new RegExp(EMAIL_PATTERN);
  const longest = `${'a'.repeat(32)}.${'b'.repeat(15)}.${'c'.repeat(15)}@${`${'x'.repeat(32)}.`.repeat(5)}${'y'.repeat(24)}`;

  it.each(['admin@demo.medverkan.se', "!#$%&'*+/=?^_`{|}~-@a-b.se", 'a@1.se', longest])('calls %s valid, as isEmail does', (email) => {
    expect(re.test(email)).toBe(true);
    expect(isEmail(email)).toBe(true);
  });

  it('has room for every address it matches: 64 characters before the @ and 254 in all', () => {
    expect(longest.split('@')[0]).toHaveLength(64);
    expect(longest.length).toBeLessThanOrEqual(254);
  });

  it.each([
    // What the fuzzer sent to POST /auth/login: JSON Schema's email format allows a top-level domain with a digit, isEmail does not.
    'vGyh@c.SNz1DO0XszB0c-pY.5s.y2.hMNrvz.0ZK0L0te3.oNn0',
    'a..b@x.se',
    'a@-x.se',
    'a@x_y.se',
    'a@x.s',
  ])('calls %s invalid, as isEmail does', (email) => {
    expect(re.test(email)).toBe(false);
    expect(isEmail(email)).toBe(false);
  });
});
