/** The worker's workflow bundle: every workflow function is exported from here. */
export { recruitmentWorkflow } from './recruitment.workflow';
export { assignmentWorkflow } from './assignment.workflow';
export { payoutRunWorkflow, payoutScheduleWorkflow } from './payout-run.workflow';
