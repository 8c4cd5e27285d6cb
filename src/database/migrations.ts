import { Initial1764086400000 } from './migrations/1764086400000-initial';
import { CoreModel1764090000000 } from './migrations/1764090000000-core-model';

/** Every migration, in order. The schema changes only through these (synchronize is off). */
export const ALL_MIGRATIONS = [
  Initial1764086400000,
  CoreModel1764090000000,
];
