/** Deterministic workflow IDs: one workflow per business object, so starting twice finds the same one. */
export const recruitmentWorkflowId = (groupId: string) => `recruitment:${groupId}`;
export const assignmentWorkflowId = (assignmentId: string) => `assignment:${assignmentId}`;
export const payoutRunWorkflowId = (payerCode: string, period: string) => `payout-run:${payerCode}:${period}`;
