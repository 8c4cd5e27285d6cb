import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { AttestTimeReportDto, CreateTimeReportDto, UpdateTimeReportDto } from './time-report.dto';

function problems<T extends object>(cls: new () => T, body: Record<string, unknown>): Record<string, string[]> {
  const errors = validateSync(plainToInstance(cls, body), { whitelist: true, forbidNonWhitelisted: true });
  return Object.fromEntries(errors.map((e) => [e.property, Object.values(e.constraints ?? {})]));
}

const figures = { durationMinutes: 1441, travelMinutes: -1, ticketCostOre: 1.5, otherTravelCostOre: 10_000_001, carKm: 5001 };
const figureMessages = {
  durationMinutes: ['Tiden kan vara högst 1 440 minuter (ett dygn).'],
  travelMinutes: ['Restiden kan inte vara negativ.'],
  ticketCostOre: ['Biljettkostnaden anges i hela öre.'],
  otherTravelCostOre: ['Övriga resekostnader kan vara högst 100 000 kr.'],
  carKm: ['Körsträckan kan vara högst 5 000 km för en aktivitet.'],
};

describe('time report DTOs: one set of rules for a new report, an edit and an attestation', () => {
  it('checks the figures with the same messages everywhere', () => {
    const create = { assignmentId: '6f1c1b7e-3a52-4c61-9a7e-1b2c3d4e5f60', activityId: '7a1c1b7e-3a52-4c61-9a7e-1b2c3d4e5f61', participation: 'video' };
    expect(problems(CreateTimeReportDto, { ...create, ...figures })).toEqual(figureMessages);
    expect(problems(UpdateTimeReportDto, figures)).toEqual(figureMessages);
    expect(problems(AttestTimeReportDto, { decision: 'adjust', ...figures })).toEqual(figureMessages);
  });

  it('lets an edit change any field but the report’s id, assignment and activity, and a new report is made against an activity', () => {
    expect(problems(UpdateTimeReportDto, {})).toEqual({});
    expect(problems(UpdateTimeReportDto, { activityDate: '2026-09-15', participation: 'phone', description: 'Läste' })).toEqual({});
    // Free-text kind and meeting are gone: the activity is the meeting (issue 13 §4.5.1).
    expect(Object.keys(problems(UpdateTimeReportDto, { id: 'x', assignmentId: 'y', activityId: 'z', kind: 'meeting', meetingRef: 'Möte' })).sort()).toEqual([
      'activityId',
      'assignmentId',
      'id',
      'kind',
      'meetingRef',
    ]);
    expect(Object.keys(problems(CreateTimeReportDto, {})).sort()).toEqual(['activityId', 'assignmentId', 'durationMinutes']);
    expect(Object.keys(problems(CreateTimeReportDto, { kind: 'meeting', meetingRef: 'Möte' })).sort()).toEqual([
      'activityId',
      'assignmentId',
      'durationMinutes',
      'kind',
      'meetingRef',
    ]);
    expect(problems(AttestTimeReportDto, { decision: 'confirm' })).toEqual({});
    expect(Object.keys(problems(AttestTimeReportDto, { decision: 'ok', kind: 'meeting' })).sort()).toEqual(['decision', 'kind']);
  });
});
