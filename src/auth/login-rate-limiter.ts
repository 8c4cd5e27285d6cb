/**
 * A fixed-window counter of login attempts per client IP, kept in this API process. Several API instances each
 * count on their own (the per-account lock-out in the database still holds across them).
 */
export class LoginRateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly maxPerWindow: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one attempt from `ip`; when over the limit, the seconds until the next attempt is allowed. */
  hit(ip: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
    const now = this.now();
    if (this.windows.size > 10_000) this.prune(now);
    let w = this.windows.get(ip);
    if (!w || now - w.startedAt >= this.windowMs) {
      w = { startedAt: now, count: 0 };
      this.windows.set(ip, w);
    }
    w.count += 1;
    if (w.count <= this.maxPerWindow) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((w.startedAt + this.windowMs - now) / 1000)) };
  }

  private prune(now: number) {
    for (const [ip, w] of this.windows) if (now - w.startedAt >= this.windowMs) this.windows.delete(ip);
  }
}
