import { runModel, World, createWorld } from './model/model';
import { Harness, startHarness } from './support/harness';
import { MODEL_COMMANDS, MODEL_FIXED, MODEL_RUNS, MODEL_SEED, MODEL_STEPS, MODEL_TIME_LIMIT_S } from './model/settings';

/**
 * Issue 13, "The model-based test": fast-check invents sequences of steps by every role — groups, nominations
 * (also in another letter case), appointments, every onboarding step (also countersigning out of order), reports
 * (also twice for one meeting, at once, and over 24 hours a day), attestations, payout runs (also two approvals at
 * once), changed bank details after an approval, withdrawals and reads by people outside an object's scope — and
 * sends them over HTTP to the real API and worker on the real Temporal dev server and PostgreSQL. After every step
 * it checks the invariants (test/model/model.ts `INVARIANTS`) against the database and the workflows.
 *
 * `npm test`: a fixed seed and a few runs (`MODEL_RUNS`, `MODEL_SEED`, `MODEL_STEPS`, `MODEL_COMMANDS` change them; `npm run
 * test:model` runs longer).
 */
const RUNS = MODEL_RUNS;
const SEED = MODEL_SEED;
const COMMANDS = MODEL_COMMANDS;
const STEPS = MODEL_STEPS;
const FIXED_SEED = MODEL_FIXED;

describe('model-based test (issue 13): any sequence of steps keeps money, access and the routine’s rules', () => {
  let h: Harness;
  let w: World;

  beforeAll(async () => {
    h = await startHarness();
    w = await createWorld(h);
  });

  afterAll(async () => {
    await h?.close();
  });

  it(`holds every invariant over ${RUNS} random sequences (seed ${SEED}, up to ${STEPS} steps each)`, async () => {
    const t0 = Date.now();
    const out = await runModel(w, { runs: RUNS, seed: SEED, maxCommands: COMMANDS, maxSteps: STEPS, timeLimitMs: MODEL_TIME_LIMIT_S * 1000 });
    console.info(
      `model: ${out.numRuns} runs, ${w.steps} steps in ${Math.round((Date.now() - t0) / 1000)} s (seed ${SEED}); ` +
        `payout runs approved: ${w.approvedRuns} (${w.supplementaryRuns} supplementary), lines paid: ${w.paidLines}\n` +
        w.sequences.map((t, i) => `sequence ${i + 1}: ${t.join(' → ')}`).join('\n'),
    );
    if (out.failed) {
      throw new Error(
        `the model found a sequence that breaks an invariant (seed ${out.seed}, path ${out.counterexamplePath}):\n${String(out.errorInstance)}\n` +
          `steps: ${out.counterexample ? [...out.counterexample[0]].map(String).join(' → ') : '?'}`,
      );
    }
    // The fixed seed of `npm test` reaches the money: at least one approved payout run that paid a line (the engine
    // and bank-file invariants then run after every later step). A seed from the environment may not.
    if (FIXED_SEED) {
      expect(w.approvedRuns).toBeGreaterThanOrEqual(1);
      expect(w.paidLines).toBeGreaterThanOrEqual(1);
    }
  }, (MODEL_TIME_LIMIT_S + 120) * 1000);
});
