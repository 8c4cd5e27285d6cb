import { LoginRateLimiter } from './login-rate-limiter';

describe('LoginRateLimiter', () => {
  it('allows the limit per window and address, then tells when to retry', () => {
    let now = 1_000_000;
    const limiter = new LoginRateLimiter(3, 60_000, () => now);
    expect([1, 2, 3].map(() => limiter.hit('10.0.0.1').allowed)).toEqual([true, true, true]);
    now += 20_000;
    expect(limiter.hit('10.0.0.1')).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect(limiter.hit('10.0.0.2').allowed).toBe(true);
    now += 40_000;
    expect(limiter.hit('10.0.0.1').allowed).toBe(true);
  });
});
