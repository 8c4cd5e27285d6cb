import type { ActivityDeps } from './deps';
import { createWorkingGroupActivities } from './working-group.activities';

export type { ActivityDeps } from './deps';

/** Builds every activity with its dependencies. Workflows import only the type (`import type`). */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createWorkingGroupActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
