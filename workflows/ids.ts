/** Deterministic workflow IDs: one workflow per business object, so starting twice finds the same one. */
export const recruitmentWorkflowId = (groupId: string) => `recruitment:${groupId}`;
export const assignmentWorkflowId = (assignmentId: string) => `assignment:${assignmentId}`;
/** A payer's run of a period; supplementary runs (kompletteringsomgångar, 1, 2, …) of the same period get their number. */
export const payoutRunWorkflowId = (payerCode: string, period: string, supplement = 0) =>
  supplement > 0 ? `payout-run:${payerCode}:${period}:komplettering-${supplement}` : `payout-run:${payerCode}:${period}`;
