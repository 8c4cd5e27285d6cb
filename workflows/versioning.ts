/**
 * VERSIONING CONVENTION — read before changing a workflow in this folder.
 *
 * Recruitment, assignment and payout-run workflows run for months or years, so a deployed change meets histories
 * written by the old code. Any change that alters the commands a workflow issues for an existing history (a new or
 * removed activity, timer, child workflow or signal; a different order; a different branch for the same events)
 * goes behind `patched('<workflow>-<yyyy-mm>-<what>')`, with the ID listed in `PATCH` below:
 *
 *   if (patched(PATCH.assignmentSecondReminder)) { ...new behaviour... } else { ...old behaviour... }
 *
 * Once no run older than the patch is open, replace `patched` by `deprecatePatch` with the same ID, and after
 * that remove it. Changes that only touch handlers' validators, queries or the data carried through
 * continue-as-new (with defaults for missing fields) need no patch; neither does moving code between files, as
 * long as the commands and their order stay the same. The replay test (test/replay.e2e-spec.ts) replays the saved
 * histories in test/fixtures/histories/ against the current bundle: a change that would break a running workflow
 * fails the build. Histories of runs that may still be open in production under an older version are kept in
 * subfolders named after the patch they predate (test/fixtures/histories/before-<patch>/); new ones are saved at
 * the top with scripts/save-histories.sh.
 *
 * A change that only alters the outcome of an interleaving no history of the old code can hold needs no patch
 * either — behind a patch, a history that hit the old behaviour's flaw would keep it. Example: the assignment's
 * signing Update is held back while its agreement is drafted (handlers.ts `whileDrafting`, docs/drill/README.md).
 *
 * Evaluate `patched` once, at the top of the workflow function, before any command — except where a patch
 * documents that it is asked lazily (`assignmentSubmittedReportHook`, `recruitmentRestartBelowMinimum`): those
 * are asked at the same point of the same step as before, wherever the code that asks them lives.
 */
export const PATCH = {
  /**
   * Step records (`recordAssignmentStep`, `recordRecruitmentStep`, `appointNominee`) run as local activities as
   * soon as a step is taken, and an update answers once its record is written (`planReportingPeriod` and
   * `planTenure` run as local activities too); mails and signals to other workflows run afterwards, in one wave
   * (see `EffectQueue` in effects.ts); search attributes are upserted only when a value changes; the deadline timer
   * is kept while it fires no later than the next deadline (`DeadlineTimer`). Runs older than the patch keep the
   * old behaviour: every effect one after the other as normal activities, the update answering after all of them,
   * a new timer (and the old one cancelled) on every pass of the main loop.
   * Histories of the old behaviour: test/fixtures/histories/before-2026-11-local-step-records/.
   */
  assignmentLocalRecords: 'assignment-2026-11-local-step-records',
  recruitmentLocalRecords: 'recruitment-2026-11-local-step-records',
  /**
   * The first reporting period starts at the agreement's first day (not at activation), so meetings between the
   * agreement's start and the activation belong to a period (issue 13 #11b).
   */
  assignmentPeriodsFromAgreement: 'assignment-2026-12-periods-from-agreement',
  /**
   * A report submitted before its period ended (the time-report hook, issue 13 #11a): the period still ends at its
   * end. Asked lazily, only when such a period exists (no history before the hook has one).
   */
  assignmentSubmittedReportHook: 'assignment-2026-12-submitted-report-hook',
  /**
   * Below the minimum an urgent round starts even while the round that staffed the group is open (issue 13 #10).
   * Asked lazily, when an active representative leaves and the group drops below its minimum.
   */
  recruitmentRestartBelowMinimum: 'recruitment-2026-12-restart-below-minimum',
  /**
   * An overdue human step has an end (issue 16 #9): after the reminders and the coordinator's notice, each later
   * deadline brings what `onOverdueStep` says — a reminder to the coordinator to extend or end (the default), or the
   * assignment's end (`step-overdue`). Runs older than the patch keep only moving the deadline, silently.
   */
  signOverdueStepDecision: 'sign-2026-12-overdue-step-decision',
  /**
   * The organisation's mail about a declined nominee names the nomination (issue 16 #1), so that it says whom the
   * coordinator declined and why; runs older than the patch mail without it. Asked lazily, when a nominee is
   * declined (the decline's own record also writes the nominee's mail, in the activity: no new command).
   */
  recruitNominationOutcomes: 'recruit-2026-12-nomination-outcomes',
  /**
   * An assignment update that comes in the workflow task after one whose local activity's result sdk-core held back
   * (a Query answered in that task, docs/drill/README.md 2026-12-04) is refused for the moment (503, try again)
   * instead of running before that result, which replay delivers first (effects.ts `LocalResults`). Runs older than
   * the patch keep accepting it: a history where such an update ran while its local activity was still running
   * (a long record, a heartbeat task) replays the same today, and would not under the refusal.
   */
  assignmentUpdatesAfterLocalResults: 'assignment-2026-12-updates-after-local-results',
  /** Histories from before this marker made every slip in one activity (`generatePayoutSlips` without a range). */
  payoutRunSlipsInParts: 'payout-run-2026-11-slips-in-parts',
  /** Histories from before this marker drafted at once, whether or not the period had ended (issue 13 #3). */
  payoutRunClosedPeriod: 'payout-run-2026-12-closed-period',
} as const;
