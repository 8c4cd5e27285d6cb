import { bodyText, flatText, pdfInfo, pdfLang } from '../test/support/pdf-text';
import { sampleDeclaration } from '../test/support/document-fixtures';
import { renderDeclaration } from './index';

describe('declaration template (declaration.sv@1)', () => {
  it('breaks a 30-interest declaration across pages and keeps every line', async () => {
    const pdf = await renderDeclaration(sampleDeclaration(30));
    const pages = Number(pdfInfo(pdf).Pages);
    expect(pages).toBeGreaterThan(1);
    const text = bodyText(pdf);
    for (let i = 1; i <= 30; i++) {
      expect(text).toContain(`Intresse nummer ${i}: styrelseledamot i Föreningen Hjärtebarnen södra regionen, med ansvar för medlemsträffar och kontakter med vårdgivare i Malmö, Lund och Helsingborg`);
    }
    expect(text).toContain('Antal redovisade intressen: 30.');
    const withFooters = flatText(pdf);
    for (let n = 1; n <= pages; n++) expect(withFooters).toContain(`Sida ${n} av ${pages}`);
  });

  it("prints the coordinator's assessment, the matters excluded and the renewal date", async () => {
    const text = flatText(await renderDeclaration(sampleDeclaration(2)));
    expect(text).toContain('Bedömd av: René Lindqvist');
    expect(text).toContain('Datum för bedömning: 2026-03-05');
    expect(text).toContain('Jäv föreligger i vissa frågor.');
    expect(text).toContain('Upphandling av hemmonitorering');
    expect(text).toContain('Förnyas senast: 2027-03-05');
    expect(text).toContain('Namn: Åsa Öberg-Ängström');
  });

  it('handles an empty declaration and one not yet assessed', async () => {
    const pdf = await renderDeclaration(sampleDeclaration(0, { assessment: null, nextReviewBy: null }));
    const text = flatText(pdf);
    expect(text).toContain('Jag har inga intressen att redovisa.');
    expect(text).toContain('Deklarationen är ännu inte bedömd.');
    expect(pdfInfo(pdf).Title).toBe('Jävsdeklaration – NAG Hjärtsvikt – Åsa Öberg-Ängström');
    expect(pdfLang(pdf)).toBe('sv-SE');
  });

  it('refuses a conflict in matters without naming the matters', async () => {
    const d = sampleDeclaration(1);
    await expect(renderDeclaration({ ...d, assessment: { ...d.assessment!, matters: [] } })).rejects.toThrow(/vilka frågor/);
  });
});
