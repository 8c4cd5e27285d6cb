import { flatText, pdfInfo, pdfLang } from '../test/support/pdf-text';
import { renderYearlyReport, type YearlyReportData } from './index';

export function sampleYearlyReport(overrides: Partial<YearlyReportData> = {}): YearlyReportData {
  return {
    generatedAt: '2026-12-15T09:30:00Z',
    year: 2026,
    group: { name: 'NAG Hjärtsvikt', kindLabel: 'nationell arbetsgrupp, NAG', parentName: 'NPO Hjärt- och kärlsjukdomar' },
    reviewedBy: 'NPO Hjärt- och kärlsjukdomar',
    dueOn: '2026-12-31',
    staffing: {
      minimum: 2,
      active: 1,
      belowMinimumSince: '2026-09-01',
      representatives: [
        { name: 'Åsa Öberg-Ängström', perspectiveLabel: 'Patient', representationLabel: 'Organisationens mandat (Hjärtförbundet)', since: '2026-02-01', stateLabel: 'Aktivt uppdrag' },
        { name: 'Per Nilsson', perspectiveLabel: 'Närstående', representationLabel: 'Egen erfarenhet', since: '2026-02-15', stateLabel: 'Avslutat 2026-08-31' },
      ],
    },
    activities: [
      { date: '2026-03-10', title: 'Arbetsmöte om behandlingsriktlinjer', kindLabel: 'Möte, video', called: 2, reports: 2, materialSentOn: '2026-02-20' },
      { date: '2026-10-05', title: 'Heldag om egenvårdsråd', kindLabel: 'Möte, på plats', called: 1, reports: 0, materialSentOn: null },
    ],
    participation: [
      { name: 'Per Nilsson', called: 1, reported: 1 },
      { name: 'Åsa Öberg-Ängström', called: 2, reported: 1 },
    ],
    decision: { label: 'Gruppen fortsätter med förändringar', changes: 'Rekrytera en närståendeföreträdare före mars.', decidedBy: 'René Lindqvist', decidedOn: '2026-12-15' },
    ...overrides,
  };
}

describe('yearly report template (yearly-report.sv@1)', () => {
  it('prints the staffing against the minimum, the activities with their reports, the participation and the decision', async () => {
    const pdf = await renderYearlyReport(sampleYearlyReport());
    const text = flatText(pdf);
    expect(text).toContain('Årsrapport 2026');
    expect(text).toContain('Översyn görs av: NPO Hjärt- och kärlsjukdomar');
    expect(text).toContain('Aktiva patient- och närståendeföreträdare: 1 av minst 2.');
    expect(text).toContain('Gruppen har färre företrädare än sitt minimum sedan 2026-09-01.');
    expect(text).toContain('Åsa Öberg-Ängström');
    expect(text).toContain('Avslutat 2026-08-31');
    expect(text).toContain('2 aktiviteter under året.');
    expect(text).toContain('Arbetsmöte om behandlingsriktlinjer');
    expect(text).toContain('Inte angivet');
    expect(text).toContain('Gruppen fortsätter med förändringar');
    expect(text).toContain('Förändringar: Rekrytera en närståendeföreträdare före mars.');
    expect(text).toContain('Beslutat av: René Lindqvist');
    expect(pdfInfo(pdf).Title).toBe('Årsrapport 2026 – NAG Hjärtsvikt');
    expect(pdfLang(pdf)).toBe('sv-SE');
  });

  it('says a report without a decision is a draft, and a year without activities says so', async () => {
    const text = flatText(await renderYearlyReport(sampleYearlyReport({ decision: null, activities: [], participation: [] })));
    expect(text).toContain('Utkast: beslutet är ännu inte fattat.');
    expect(text).toContain('Gruppen har inga aktiviteter registrerade under 2026.');
    expect(text).toContain('Ingen företrädare har kallats till någon aktivitet under året.');
  });

  it('refuses data it cannot print', async () => {
    await expect(renderYearlyReport(sampleYearlyReport({ year: 1999 }))).rejects.toThrow(/årtal/);
    const d = sampleYearlyReport();
    await expect(renderYearlyReport({ ...d, staffing: { ...d.staffing, active: -1 } })).rejects.toThrow(/Antal aktiva/);
  });
});
