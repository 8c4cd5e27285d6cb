import { createWorld, runModel, World } from './model/model';
import { Harness, startHarness } from './support/harness';
import { MODEL_SEED } from './model/settings';

/**
 * The model test can fail (issue 13, "Done when"): on this file's own scratch database it removes one guard the
 * product relies on, then runs the model with the same fixed seed as `test/model.e2e-spec.ts`, and asserts that the
 * run fails naming the invariant the guard holds.
 *
 * The guard removed: the unique indexes `time_report_activity_once` (one report per person and activity) and
 * `time_report_activity_key` (one per assignment, date, kind and meeting; a report of an activity names it as its
 * meeting). Nothing but the database holds them (the API turns their 23505 into 409), so without them the same
 * meeting reported twice at the same moment is stored twice, and both could be paid.
 *
 * Not `nomination_open_once` (issue 13 #1), which the brief preferred: tried, the fixed-seed run does not find its
 * removal, because the API's check and the recruitment workflow's validator refuse a second open nomination
 * before the index is reached (four simultaneous nominations still answer one 201).
 */
describe('model-based test: sabotage proof', () => {
  let h: Harness;
  let w: World;

  beforeAll(async () => {
    h = await startHarness();
    w = await createWorld(h);
  });

  afterAll(async () => {
    await h?.close();
  });

  it('without the unique indexes of one report per person and activity, the fixed-seed model run finds the break', async () => {
    await h.dataSource.query(`DROP INDEX time_report_activity_once`);
    await h.dataSource.query(`DROP INDEX time_report_activity_key`);
    const out = await runModel(w, { runs: 6, seed: MODEL_SEED, maxCommands: 200, maxSteps: 40, endOnFailure: true });
    expect(out.failed).toBe(true);
    expect(String(out.errorInstance)).toMatch(/\[invariant (one-report-per-meeting|paid-once-per-meeting)\]/);
    console.info(`sabotage found after ${w.steps} steps: ${String(out.errorInstance).split('\n')[0]}\nsteps: ${w.trace.join(' → ')}`);
  }, 600_000);
});
