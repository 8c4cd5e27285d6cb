import { CancellationScope, sleep } from '@temporalio/workflow';
import { waitMs } from './duration';

/**
 * The main loop's deadline timer (new mode): one timer at a time, kept while it fires no later than the next
 * deadline — a step that moves the deadline later costs no new timer and no cancellation; the timer then fires
 * early, the loop finds nothing due and sets one for the real deadline. A deadline earlier than the running
 * timer replaces it.
 */
export class DeadlineTimer {
  private at: number | null = null;
  private scope: CancellationScope | null = null;
  private firedFlag = false;

  /** Has the timer fired (since the last `arm`)? */
  get fired(): boolean {
    return this.firedFlag;
  }

  /** Makes sure a timer fires at `at` or earlier. */
  arm(at: number, now: number): void {
    if (this.at !== null && !this.firedFlag && this.at <= at) return;
    if (!this.firedFlag) this.scope?.cancel();
    const scope = new CancellationScope();
    this.scope = scope;
    this.at = at;
    this.firedFlag = false;
    scope.run(() => sleep(waitMs(at, now))).then(
      () => {
        if (this.scope === scope) this.firedFlag = true;
      },
      () => undefined, // cancelled: a nearer deadline replaced it
    );
  }
}
