import { referenceTable, REFERENCE_TABLES } from '../fees/testing/reference-tables';
import { nextYearTableTasks, subjectId } from './next-year-tables';

describe("administrators' task for next year's rate tables (issue 18 #5)", () => {
  const payers = [
    { code: 'SKR', name: 'Sveriges Kommuner och Regioner (SKR)' },
    { code: 'sodra', name: 'Södra sjukvårdsregionen' },
  ];

  it('says nothing before 1 November', () => {
    expect(nextYearTableTasks('2026-10-31', payers, REFERENCE_TABLES)).toEqual([]);
  });

  it('from 1 November names the payers without a table for 1 January of the coming year', () => {
    const tasks = nextYearTableTasks('2026-11-01', payers, REFERENCE_TABLES);
    expect(tasks).toEqual([
      expect.objectContaining({
        kind: 'rate-table.next-year-missing',
        subject: { type: 'rate_table_year', id: subjectId('rate-table-year:2027') },
        urgent: false,
        deadline: '2026-12-31T23:00:00.000Z',
      }),
    ]);
    expect(tasks[0].title).toMatch(/^Lägg in taxetabellen för 2027: 2 betalare saknar en tabell som gäller 1 januari 2027 \(Sveriges Kommuner och Regioner \(SKR\), Södra sjukvårdsregionen\)/);
    expect(nextYearTableTasks('2026-12-04', payers, REFERENCE_TABLES)[0].urgent).toBe(true);
  });

  it('says nothing once the national table of the coming year is there', () => {
    const t2027 = { ...referenceTable(2026), code: 'nationell-2027', validFrom: '2027-01-01', validTo: '2027-12-31' };
    expect(nextYearTableTasks('2026-11-15', payers, [...REFERENCE_TABLES, t2027])).toEqual([]);
  });

  it('tells about a payer whose own table of this year has no successor', () => {
    const t2027 = { ...referenceTable(2026), code: 'nationell-2027', validFrom: '2027-01-01', validTo: '2027-12-31' };
    const own = { ...referenceTable(2026), code: 'sodra-2026', payerCode: 'sodra' };
    const tasks = nextYearTableTasks('2026-11-15', payers, [...REFERENCE_TABLES, t2027, own]);
    expect(tasks.map((t) => [t.kind, t.subject.id])).toEqual([['rate-table.next-year-own-missing', subjectId('paying-body:sodra')]]);
    expect(tasks[0].title).toMatch(/^Södra sjukvårdsregionen har en egen taxetabell för 2026 men ingen för 2027/);
    expect(subjectId('paying-body:sodra')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
