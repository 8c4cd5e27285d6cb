import { ActivityDeps, createActivityContext } from './deps';
import { createMailActivities } from './mail.activities';
import { createRecruitmentActivities } from './recruitment.activities';
import { createAssignmentActivities } from './assignment.activities';
import { createPayoutActivities } from './payout.activities';

export type { ActivityDeps } from './deps';

/** Builds every activity with its dependencies. Workflows import only the type (`import type`). */
export function createActivities(deps: ActivityDeps) {
  const ctx = createActivityContext(deps);
  return {
    ...createMailActivities(ctx),
    ...createRecruitmentActivities(ctx),
    ...createAssignmentActivities(ctx),
    ...createPayoutActivities(ctx),
  };
}

export type Activities = ReturnType<typeof createActivities>;
