/** The model test's figures: fixed for `npm test`, from the environment for `npm run test:model`. */
export const MODEL_SEED = Number(process.env.MODEL_SEED ?? 20261213);
export const MODEL_RUNS = Number(process.env.MODEL_RUNS ?? 3);
/** Steps actually taken per sequence at most (commands whose precondition fails are skipped and do not count). */
export const MODEL_STEPS = Number(process.env.MODEL_STEPS ?? 30);
/** Commands generated per sequence. */
export const MODEL_COMMANDS = Number(process.env.MODEL_COMMANDS ?? 200);
/** The whole model check (shrinking included) is stopped and failed after this many seconds. */
export const MODEL_TIME_LIMIT_S = Number(process.env.MODEL_TIME_LIMIT_S ?? 600);
/** `npm test`'s own figures (no MODEL_SEED, MODEL_RUNS, MODEL_STEPS or MODEL_COMMANDS from the environment). */
export const MODEL_FIXED = ['MODEL_SEED', 'MODEL_RUNS', 'MODEL_STEPS', 'MODEL_COMMANDS'].every((k) => process.env[k] === undefined);
