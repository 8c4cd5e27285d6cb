import { fileNameParts, formatDate, formatTimestamp, required, TemplateDataError } from './pdf-layout';
import { TemplateDefinition } from './template';

/** Jävsdeklaration (Rutin för patientmedverkan §4.3; SKR's practice for national groups). */

export interface DeclaredInterest {
  /** e.g. "Anställning", "Uppdrag", "Ekonomiskt intresse", "Närståendes intressen". */
  category: string;
  description: string;
  /** e.g. "2021–", "2019–2023", or null. */
  period: string | null;
}

export type DeclarationOccasion = 'initial' | 'changed-circumstances' | 'periodic';
export type AssessmentOutcome = 'no-conflict' | 'conflict-in-matters' | 'conflict';

export interface DeclarationData {
  generatedAt: string;
  caseReference: string;
  declarant: { name: string; roleLabel: string };
  group: { name: string };
  occasion: DeclarationOccasion;
  declaredOn: string;
  /** Every declared interest, in the declarant's order; may be long. Empty when there is nothing to declare. */
  interests: DeclaredInterest[];
  /** The coordinator's assessment, or null while it is not yet made. */
  assessment: {
    assessedBy: string;
    assessedOn: string;
    outcome: AssessmentOutcome;
    /** Matters the member takes no part in (for 'conflict-in-matters'). */
    matters: string[];
    comment: string | null;
  } | null;
  /** When the declaration is renewed at the latest, or null. */
  nextReviewBy: string | null;
}

const OCCASIONS: Record<DeclarationOccasion, string> = {
  initial: 'Första deklaration, före medverkan',
  'changed-circumstances': 'Ändrade förhållanden',
  periodic: 'Återkommande förnyelse',
};

const OUTCOMES: Record<AssessmentOutcome, string> = {
  'no-conflict': 'Inget jäv föreligger. Företrädaren kan delta i gruppens alla frågor.',
  'conflict-in-matters': 'Jäv föreligger i vissa frågor. Företrädaren deltar inte i behandlingen av dessa frågor:',
  conflict: 'Jäv föreligger för gruppens uppdrag i sin helhet. Företrädaren kan inte delta i gruppen.',
};

export const declarationSv: TemplateDefinition<DeclarationData> = {
  id: 'declaration.sv',
  version: '1',
  kind: 'declaration',
  lang: 'sv-SE',
  title: (d) => `Jävsdeklaration – ${d.group.name} – ${d.declarant.name}`,
  fileName: (d) => fileNameParts('Jävsdeklaration', d.declarant.name, d.declaredOn),
  draw(layout, d) {
    const name = required(d.declarant?.name, 'Namnet');
    const group = required(d.group?.name, 'Gruppens namn');
    required(d.caseReference, 'Ärendet');
    const declaredOn = formatDate(d.declaredOn, 'Deklarationsdatum');
    if (!OCCASIONS[d.occasion]) throw new TemplateDataError('Anledningen till deklarationen är okänd.');
    if (!Array.isArray(d.interests)) throw new TemplateDataError('Listan över intressen saknas.');
    d.interests.forEach((i, n) => {
      required(i?.category, `Intresse ${n + 1}: kategori`);
      required(i.description, `Intresse ${n + 1}: beskrivning`);
    });
    if (d.assessment && !OUTCOMES[d.assessment.outcome]) throw new TemplateDataError('Bedömningens utfall är okänt.');
    if (d.assessment?.outcome === 'conflict-in-matters' && d.assessment.matters.length === 0) {
      throw new TemplateDataError('Ange vilka frågor jävet gäller.');
    }
    const drawnUp = formatTimestamp(d.generatedAt, 'generatedAt');

    layout.title('Jävsdeklaration', group);
    layout.field('Ärende', d.caseReference);
    layout.field('Upprättad', drawnUp);

    layout.heading('1. Den som deklarerar');
    layout.field('Namn', name);
    layout.field('Roll', required(d.declarant.roleLabel, 'Rollen'));
    layout.field('Grupp', group);
    layout.field('Anledning', OCCASIONS[d.occasion]);
    layout.field('Deklarationsdatum', declaredOn);

    layout.heading('2. Vad som ska redovisas');
    layout.paragraph(
      'Redovisa anställningar, uppdrag, ekonomiska intressen och andra förhållanden – dina egna och dina närståendes – som kan påverka, eller uppfattas påverka, din opartiskhet i gruppens arbete. Det gäller till exempel uppdrag för eller aktier i läkemedels- och medicinteknikföretag, anställning hos en vårdgivare och förtroendeuppdrag i organisationer med intresse i gruppens frågor. Uppgifterna används bara för att bedöma jäv.',
    );

    layout.heading('3. Redovisade intressen');
    if (d.interests.length === 0) {
      layout.paragraph('Jag har inga intressen att redovisa.');
    } else {
      layout.paragraph(`Antal redovisade intressen: ${d.interests.length}.`, { muted: true });
      layout.list(
        d.interests.map((i) => `${i.category.trim()}: ${i.description.trim()}${i.period ? ` (${i.period.trim()})` : ''}`),
        { numbered: true },
      );
    }

    layout.heading('4. Försäkran');
    layout.paragraph(
      'Jag försäkrar att uppgifterna är riktiga och fullständiga. Jag anmäler ändrade förhållanden till gruppens samordnare utan dröjsmål. Har jag jäv i en fråga deltar jag inte i den frågan.',
    );
    layout.signatureFields([{ heading: 'Den som deklarerar', name, dateLabel: 'Ort och datum', signLabel: 'Underskrift' }]);

    layout.heading('5. Samordnarens bedömning');
    if (!d.assessment) {
      layout.paragraph('Deklarationen är ännu inte bedömd.');
    } else {
      layout.field('Bedömd av', required(d.assessment.assessedBy, 'Bedömare'));
      layout.field('Datum för bedömning', formatDate(d.assessment.assessedOn, 'Datum för bedömning'));
      layout.paragraph(OUTCOMES[d.assessment.outcome], { bold: true });
      if (d.assessment.outcome === 'conflict-in-matters') layout.list(d.assessment.matters);
      if (d.assessment.comment) layout.field('Kommentar', d.assessment.comment);
    }
    if (d.nextReviewBy) layout.field('Förnyas senast', formatDate(d.nextReviewBy, 'Förnyelsedatum'));
    layout.paragraph('Deklarationen förnyas också när förhållandena ändras.', { muted: true });
  },
};
