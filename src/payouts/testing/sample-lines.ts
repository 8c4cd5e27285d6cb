import type { PayableLine } from '../payout-calculation';

/** A payable line for tests of pure payout logic: a 4-hour meeting with a 640 kr ticket, unless overridden. */
export function samplePayableLine(over: Partial<PayableLine> = {}): PayableLine {
  return {
    timeReportId: 'r1',
    activityDate: '2026-09-10',
    kind: 'meeting',
    durationMinutes: 240,
    travelMinutes: 90,
    ticketCostOre: 64_000,
    otherTravelCostOre: 0,
    carKm: 0,
    hasReceipt: true,
    feeMode: 'session',
    employedByOrganisation: false,
    ...over,
  };
}
