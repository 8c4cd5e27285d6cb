import { ASSIGNMENT_STATES } from '../../workflows/assignment.messages';
import { whoseTurn } from '../../workflows/assignment/turns';
import { nextStepOf, timelineEvent } from './my-assignments';

describe('Mina uppdrag: next step', () => {
  it('is the representative\'s when the workflow says it is their turn, with the workflow\'s deadline', () => {
    expect(nextStepOf('agreement-drafted', '2026-03-01T23:00:00.000Z', [])).toEqual({ title: 'Signera överenskommelsen', who: 'you', deadline: '2026-03-01T23:00:00.000Z' });
    expect(nextStepOf('signed', '2026-03-02T23:00:00.000Z', [])).toEqual({ title: 'Samordnaren kontrasignerar överenskommelsen', who: 'coordinator', deadline: '2026-03-02T23:00:00.000Z' });
  });

  it('never asks the representative to do what the workflow does itself (details-given: it drafts the agreement)', () => {
    expect(nextStepOf('details-given', null, [])).toMatchObject({ who: 'workflow', deadline: null });
  });

  it('follows turns.ts for every state: "you" exactly in the representative\'s turns (and while active)', () => {
    for (const state of ASSIGNMENT_STATES) {
      const who = nextStepOf(state, null, []).who;
      const turn = whoseTurn(state);
      if (turn === 'representative') expect({ state, who }).toEqual({ state, who: 'you' });
      else if (turn === 'coordinator') expect({ state, who }).toEqual({ state, who: 'coordinator' });
      else expect({ state, you: who === 'you' }).toEqual({ state, you: state === 'active' });
    }
  });

  it('while active: the oldest period waiting for a report, with its due date', () => {
    const periods = [
      { key: '2026-01', state: 'attested', dueAt: '2026-02-28T23:00:00.000Z', endsOn: '2026-01-31' },
      { key: '2026-02', state: 'awaiting-report', dueAt: '2026-03-31T22:00:00.000Z', endsOn: '2026-02-28' },
      { key: '2026-03', state: 'awaiting-report', dueAt: '2026-04-30T22:00:00.000Z', endsOn: '2026-03-31' },
    ];
    expect(nextStepOf('active', null, periods)).toEqual({ title: 'Rapportera tid och kostnader för 2026-02', who: 'you', deadline: '2026-03-31T22:00:00.000Z' });
    expect(nextStepOf('active', null, [])).toMatchObject({ who: 'you', deadline: null });
    expect(nextStepOf('ended', null, periods)).toMatchObject({ who: 'nobody', deadline: null });
  });
});

describe('Mina uppdrag: timeline events', () => {
  it('says what happened in Swedish, and who when it was the reader', () => {
    expect(timelineEvent('assignment.agreement-signed', { state: 'signed' }, true)).toBe('Du signerade överenskommelsen');
    expect(timelineEvent('assignment.agreement-countersigned', {}, false)).toBe('Samordnaren kontrasignerade överenskommelsen');
    expect(timelineEvent('assignment.report-attested', { period: '2026-03', timeReportId: 'x' }, false)).toBe('Tidrapporten för 2026-03 attesterades');
    expect(timelineEvent('assignment.ended', { endReason: 'mandate-withdrawn' }, false)).toBe('Uppdraget avslutades: organisationen drog tillbaka sitt mandat');
  });

  it('never shows a raw code or anything from the details but a period key', () => {
    expect(timelineEvent('assignment.something-new', { personalNumber: '19121212-1212' }, false)).toBe('Uppdraget uppdaterades');
    expect(timelineEvent('assignment.report-submitted', { period: '19121212-1212' }, true)).toBe('Tidrapporten skickades in');
    expect(timelineEvent('assignment.ended', { endReason: 'x-code' }, false)).toBe('Uppdraget avslutades');
  });
});
