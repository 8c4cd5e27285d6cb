import { ROUNDING_RULE_TEXT } from '../src/fees/rounding';
import { bodyText, flatText, pdfInfo, pdfLang } from '../test/support/pdf-text';
import { sampleAgreement } from '../test/support/document-fixtures';
import { agreementSv, agreementSvV1 } from './agreement.sv';
import { agreementEnV1 } from './agreement.en';
import { AgreementData, CURRENT_TEMPLATES, findTemplateVersion, renderAgreement, renderAgreementEn, TemplateDataError } from './index';
import { renderTemplate } from './template';

describe('agreement templates (agreement.sv@2, agreement.en@2)', () => {
  it('prints the parties, assignment, time, fee table, travel, period, contact and the Försäkringskassan note', async () => {
    const text = flatText(await renderAgreement(sampleAgreement()));
    for (const expected of [
      'Överenskommelse om medverkan som patient- eller närståendeföreträdare',
      'Företrädare: Åsa Öberg-Ängström, patientföreträdare',
      'NAG Hjärtsvikt, nationell arbetsgrupp (NAG), ingår i NPO Hjärt- och kärlsjukdomar',
      'Region Skåne (värdregion för NPO Hjärt- och kärlsjukdomar)',
      'Arbetsgruppen ska ta fram ett nationellt vårdprogram för hjärtsvikt',
      'Särskilt ansvar: patientinformation och egenvårdsråd.',
      'Cirka 52 timmar per år.',
      'Cirka 8 timmar per år.',
      'prisbasbelopp 59 200 kr',
      'Heldag, mer än fyra timmar 3,6 % av prisbasbeloppet 2 131 kr',
      'Halvdag, två till fyra timmar 1,8 % av prisbasbeloppet 1 066 kr',
      'Kortare insats, upp till två timmar 0,9 % av prisbasbeloppet 533 kr',
      'Per timme 0,5 % av prisbasbeloppet 296 kr',
      'Beloppen avrundas till hela kronor, halva kronor uppåt.',
      '25 kr per mil skattefritt',
      'Kontakta din handläggare på Försäkringskassan',
      'Du återkopplar till Hjärt- och Lungsjukas förening efter varje heldagsmöte.',
      'minst en gång per år',
      'från och med 2026-03-01 till och med 2027-02-28',
      'Namn: René Lindqvist, samordnare',
      'För gruppen: samordnare',
      'Upprättad: 2026-03-02 09:15:00',
      'Ärende: UPP-2026-0042',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('says how the person represents: organisation mandate, own experience, or direct recruitment', async () => {
    const mandate = flatText(await renderAgreement(sampleAgreement({ representation: { basis: 'organisation-mandate', nominatingOrganisation: 'Riksförbundet HjärtLung' } })));
    expect(mandate).toContain('Du företräder Riksförbundet HjärtLung med organisationens mandat');
    const direct = flatText(await renderAgreement(sampleAgreement({ representation: { basis: 'own-experience', nominatingOrganisation: null } })));
    expect(direct).toContain('Du medverkar utifrån din egen erfarenhet');
    expect(direct).toContain('Du har rekryterats direkt, utan nominering från en organisation.');
  });

  it('prints only the short-session or the hourly rate the rate table uses, and an open-ended period', async () => {
    const base = sampleAgreement();
    const text = flatText(await renderAgreement({ ...base, fees: { ...base.fees, hourly: null }, period: { from: '2026-03-01', to: null } }));
    expect(text).toContain('Kortare insats, upp till två timmar');
    expect(text).not.toContain('Per timme');
    expect(text).toContain('gäller från och med 2026-03-01 och tills vidare');
  });

  it('is an accessible PDF: title and language in the metadata, tagged, Swedish characters intact, page numbers', async () => {
    const pdf = await renderAgreement(sampleAgreement());
    const info = pdfInfo(pdf);
    expect(info.Title).toBe('Överenskommelse om medverkan som patient- eller närståendeföreträdare – NAG Hjärtsvikt – Åsa Öberg-Ängström');
    expect(info.Tagged).toBe('yes');
    expect(info['PDF version']).toBe('1.7');
    expect(pdfLang(pdf)).toBe('sv-SE');
    expect(pdf.toString('latin1')).toMatch(/\/DisplayDocTitle true/);
    expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+DejaVuSans/); // embedded subset, not a standard font
    const pages = Number(info.Pages);
    const text = flatText(pdf);
    for (let n = 1; n <= pages; n++) expect(text).toContain(`Sida ${n} av ${pages}`);
    expect(text).toContain('agreement.sv@2');
  });

  it('gives the same text for the same data and version, with the creation date from the data', async () => {
    const a = await renderAgreement(sampleAgreement());
    const b = await renderAgreement(sampleAgreement());
    expect(flatText(a)).toBe(flatText(b));
    expect(pdfInfo(a).CreationDate).toMatch(/2026/);
    const later = await renderAgreement(sampleAgreement({ generatedAt: '2026-05-01T10:00:00Z' }));
    expect(flatText(later)).toContain('Upprättad: 2026-05-01 12:00:00');
  });

  it('wraps a very long commission across pages without losing words', async () => {
    const words = Array.from({ length: 1500 }, (_, i) => `ord${i}`);
    const pdf = await renderAgreement(sampleAgreement({ group: { ...sampleAgreement().group, commission: words.join(' ') } }));
    const text = flatText(pdf);
    expect(Number(pdfInfo(pdf).Pages)).toBeGreaterThan(3);
    const found = new Set(text.split(' '));
    expect(words.filter((w) => !found.has(w))).toEqual([]);
  });

  it('refuses data it cannot print, before drawing anything', async () => {
    await expect(renderAgreement(sampleAgreement({ representative: { name: ' ', role: 'patient' } }))).rejects.toThrow(TemplateDataError);
    await expect(renderAgreement(sampleAgreement({ period: { from: '2026-13-01', to: null } }))).rejects.toThrow(/ÅÅÅÅ-MM-DD/);
    await expect(renderAgreement(sampleAgreement({ period: { from: '2026-03-01', to: '2026-01-01' } }))).rejects.toThrow(/slutar före/);
    const base = sampleAgreement();
    await expect(renderAgreement({ ...base, fees: { ...base.fees, fullDay: { amountOre: 2131.2, percentOfPbb: 3.6 } } })).rejects.toThrow(/heltal i öre/);
    await expect(renderAgreement({ ...base, fees: { ...base.fees, shortSession: null, hourly: null } })).rejects.toThrow(/kortare insats eller per timme/);
    await expect(renderAgreement(sampleAgreement({ generatedAt: 'i går' }))).rejects.toThrow(/ISO-tidpunkt/);
  });

  it('has an English variant with its own language and page labels', async () => {
    const pdf = await renderAgreementEn(
      sampleAgreement({ payer: { name: 'Region Skåne', basis: 'host region of NPO Cardiovascular diseases' } }),
    );
    const text = flatText(pdf);
    expect(pdfLang(pdf)).toBe('en-GB');
    expect(pdfInfo(pdf).Title).toBe('Agreement on participation as a patient or next-of-kin representative – NAG Hjärtsvikt – Åsa Öberg-Ängström');
    expect(text).toContain('Agreement on participation as a patient or next-'); // the title wraps after the hyphen
    expect(text).toContain('Representative: Åsa Öberg-Ängström, patient representative');
    expect(text).toContain('Full day, more than four hours 3.6 % of the price base amount 2 131 kr');
    expect(text).toContain('Contact your case officer (handläggare) at Försäkringskassan');
    expect(text).toMatch(/Page 1 of \d/);
    expect(text).toContain('agreement.en@2');
  });

  /** The data the application gives (src/assignments/agreement-document.ts): src/fees' rounding wording and a renewal naming changed circumstances. */
  const asTheApplicationGivesIt = (rounding: string, declarationRenewal: string): AgreementData => {
    const base = sampleAgreement();
    return { ...base, fees: { ...base.fees, rounding }, declarationRenewal };
  };

  it('says once how amounts are rounded and when the declaration is renewed, with the data the application gives', async () => {
    const text = bodyText(await renderAgreement(asTheApplicationGivesIt(ROUNDING_RULE_TEXT['kronor-half-up'], 'när förhållandena ändras och minst vart tredje år')));
    expect(text).toContain('Beloppen avrundas till hela kronor, 50 öre uppåt.');
    expect(text).toContain('Den förnyas när dina förhållanden ändras och minst vart tredje år.');
    expect(text).not.toMatch(/avrundas avrundat/);
    expect(text).not.toMatch(/ändras och när/);
    expect(text).not.toMatch(/förhållande(n|na) ändras.*förhållande(n|na) ändras/);

    const down = bodyText(await renderAgreement(asTheApplicationGivesIt(ROUNDING_RULE_TEXT['kronor-down'], 'när förhållandena ändras')));
    expect(down).toContain('Beloppen avrundas nedåt till hela kronor.');
    expect(down).toContain('Den förnyas när dina förhållanden ändras. Har du jäv');
    // A renewal that names only how often still gets the changed-circumstances rule.
    expect(bodyText(await renderAgreement(sampleAgreement()))).toContain('Den förnyas när dina förhållanden ändras och minst en gång per år.');
  });

  it('says it once in English too', async () => {
    const text = bodyText(await renderAgreementEn(asTheApplicationGivesIt('rounded to whole kronor, halves up', 'when circumstances change and at least every three years')));
    expect(text).toContain('Amounts are rounded to whole kronor, halves up.');
    expect(text).toContain('It is renewed when your circumstances change and at least every three years.');
    expect(text).not.toMatch(/rounded rounded|change and when/);
    const plain = bodyText(await renderAgreementEn(asTheApplicationGivesIt('to whole kronor, halves up', 'at least once a year')));
    expect(plain).toContain('Amounts are rounded to whole kronor, halves up.');
    expect(plain).toContain('It is renewed when your circumstances change and at least once a year.');
  });

  it('keeps version 1 for agreements made with it: it re-renders as it printed, and new agreements use version 2', async () => {
    expect([CURRENT_TEMPLATES['agreement.sv'].version, CURRENT_TEMPLATES['agreement.en'].version]).toEqual(['2', '2']);
    expect(findTemplateVersion('agreement.sv', '1')).toBe(agreementSvV1);
    expect(findTemplateVersion('agreement.en', '1')).toBe(agreementEnV1);
    const data = asTheApplicationGivesIt(ROUNDING_RULE_TEXT['kronor-half-up'], 'när förhållandena ändras och minst vart tredje år');
    const v1 = bodyText((await renderTemplate(agreementSvV1, data)).pdf);
    expect(v1).toContain('Beloppen avrundas avrundat till hela kronor, 50 öre uppåt.');
    expect(flatText((await renderTemplate(agreementSvV1, data)).pdf)).toContain('agreement.sv@1');
    // Where version 1 read well, version 2 prints the same text.
    const sample = sampleAgreement();
    const strip = (t: string) => t.replace(/agreement\.sv@\d/g, '');
    expect(strip(flatText((await renderTemplate(agreementSv, sample)).pdf))).toBe(strip(flatText((await renderTemplate(agreementSvV1, sample)).pdf)));
  });

  it('reports its page count', async () => {
    const { pdf, pageCount } = await renderTemplate(agreementSv, sampleAgreement());
    expect(pageCount).toBe(Number(pdfInfo(pdf).Pages));
  });
});
