/** The worker's workflow bundle: every workflow function is exported from here. */
export { recruitmentWorkflow } from './recruitment.workflow';
