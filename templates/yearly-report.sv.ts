import { fileNameParts, formatDate, formatTimestamp, required, TemplateDataError } from './pdf-layout';
import { TemplateDefinition } from './template';

/**
 * Årsrapport för en arbetsgrupp: the group's yearly review by its NPO (Rutin för patientmedverkan §3.2, "ses över
 * årligen av respektive NPO och även redovisas i årliga verksamhetsplaner") and the yearly report per group the
 * seeds ask for (issue 19): staffing, the activities held in the year, the representatives' participation and the
 * review's decision when it is recorded. Names only: no personnummer, no contact details. Every text printed is in
 * the data (labels included), so a stored report re-renders exactly.
 */

export interface YearlyReportRepresentative {
  name: string;
  /** e.g. "Patient" or "Närstående". */
  perspectiveLabel: string;
  /** e.g. "Organisationens mandat (Hjärtförbundet)" or "Egen erfarenhet". */
  representationLabel: string;
  /** The day the assignment began (its agreement's first day, else the day of the offer). */
  since: string;
  /** e.g. "Aktivt uppdrag" or "Avslutat 2026-05-31". */
  stateLabel: string;
}

export interface YearlyReportActivity {
  date: string;
  title: string;
  /** e.g. "Möte, video". */
  kindLabel: string;
  /** Representatives called to it. */
  called: number;
  /** Time reports sent in for it (submitted or attested). */
  reports: number;
  /** When the material was sent, or null when not recorded. */
  materialSentOn: string | null;
}

export interface YearlyReportParticipation {
  name: string;
  called: number;
  reported: number;
}

export interface YearlyReportDecision {
  /** e.g. "Gruppen fortsätter som i dag". */
  label: string;
  changes: string | null;
  decidedBy: string;
  decidedOn: string;
}

export interface YearlyReportData {
  generatedAt: string;
  year: number;
  group: { name: string; kindLabel: string; parentName: string | null };
  /** Who reviews the group: its NPO (or NSG), or the group itself when it has none above it. */
  reviewedBy: string;
  /** The review's deadline (the last day of the policy's review month). */
  dueOn: string;
  staffing: { minimum: number; active: number; belowMinimumSince: string | null; representatives: YearlyReportRepresentative[] };
  activities: YearlyReportActivity[];
  participation: YearlyReportParticipation[];
  decision: YearlyReportDecision | null;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function checkCount(n: unknown, what: string): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new TemplateDataError(`${what} måste vara ett heltal som inte är negativt.`);
  return n;
}

export const yearlyReportSv: TemplateDefinition<YearlyReportData> = {
  id: 'yearly-report.sv',
  version: '1',
  kind: 'yearly-report',
  lang: 'sv-SE',
  title: (d) => `Årsrapport ${d.year} – ${d.group.name}`,
  fileName: (d) => fileNameParts('Årsrapport', String(d.year), d.group.name),
  draw(layout, d) {
    const name = required(d.group?.name, 'Gruppens namn');
    required(d.group.kindLabel, 'Gruppens typ');
    required(d.reviewedBy, 'Vem som gör översynen');
    if (!Number.isInteger(d.year) || d.year < 2000 || d.year > 2100) throw new TemplateDataError('Året måste vara ett årtal.');
    formatDate(d.dueOn, 'Sista dag för översynen');
    if (!d.staffing || !Array.isArray(d.staffing.representatives)) throw new TemplateDataError('Bemanningen saknas.');
    if (!Array.isArray(d.activities) || !Array.isArray(d.participation)) throw new TemplateDataError('Aktiviteterna eller deltagandet saknas.');
    const minimum = checkCount(d.staffing.minimum, 'Minsta antal företrädare');
    const active = checkCount(d.staffing.active, 'Antal aktiva företrädare');
    const drawnUp = formatTimestamp(d.generatedAt, 'generatedAt');

    layout.title(`Årsrapport ${d.year}`, name);
    layout.field('Grupp', `${name} (${d.group.kindLabel})`);
    if (d.group.parentName) layout.field('Hör till', d.group.parentName);
    layout.field('Översyn görs av', d.reviewedBy);
    layout.field('Översynen ska vara klar senast', d.dueOn);
    layout.field('Upprättad', drawnUp);
    layout.paragraph(
      'Enligt Rutin för patientmedverkan (avsnitt 3.2) ska arbetsgrupperna ses över årligen av respektive NPO. Rapporten visar gruppens bemanning med patient- och närståendeföreträdare, aktiviteterna under året, företrädarnas deltagande och översynens beslut.',
      { muted: true },
    );

    layout.heading('1. Bemanning');
    layout.paragraph(`Aktiva patient- och närståendeföreträdare: ${active} av minst ${minimum}.`, { bold: true });
    if (active < minimum) {
      layout.paragraph(
        d.staffing.belowMinimumSince
          ? `Gruppen har färre företrädare än sitt minimum sedan ${formatDate(d.staffing.belowMinimumSince, 'Under minimum sedan')}.`
          : 'Gruppen har färre företrädare än sitt minimum.',
      );
    }
    if (d.staffing.representatives.length === 0) {
      layout.paragraph('Gruppen har inga företrädare under året.');
    } else {
      layout.table(
        [
          { header: 'Företrädare', width: '*' },
          { header: 'Perspektiv', width: 70 },
          { header: 'Företräder', width: 130 },
          { header: 'Sedan', width: 62 },
          { header: 'Läge', width: 90 },
        ],
        d.staffing.representatives.map((r, i) => [
          required(r?.name, `Företrädare ${i + 1}: namn`),
          required(r.perspectiveLabel, `Företrädare ${i + 1}: perspektiv`),
          required(r.representationLabel, `Företrädare ${i + 1}: hur hen företräder`),
          formatDate(r.since, `Företrädare ${i + 1}: sedan`),
          required(r.stateLabel, `Företrädare ${i + 1}: läge`),
        ]),
      );
    }

    layout.heading(`2. Aktiviteter ${d.year}`);
    if (d.activities.length === 0) {
      layout.paragraph(`Gruppen har inga aktiviteter registrerade under ${d.year}.`);
    } else {
      layout.paragraph(`${count(d.activities.length, 'aktivitet', 'aktiviteter')} under året.`);
      layout.table(
        [
          { header: 'Datum', width: 62 },
          { header: 'Aktivitet', width: '*' },
          { header: 'Slag', width: 80 },
          { header: 'Kallade', width: 46, align: 'right' },
          { header: 'Rapporter', width: 54, align: 'right' },
          { header: 'Material skickat', width: 70 },
        ],
        d.activities.map((a, i) => [
          formatDate(a?.date, `Aktivitet ${i + 1}: datum`),
          required(a.title, `Aktivitet ${i + 1}: rubrik`),
          required(a.kindLabel, `Aktivitet ${i + 1}: slag`),
          String(checkCount(a.called, `Aktivitet ${i + 1}: kallade`)),
          String(checkCount(a.reports, `Aktivitet ${i + 1}: rapporter`)),
          a.materialSentOn ? formatDate(a.materialSentOn, `Aktivitet ${i + 1}: material skickat`) : 'Inte angivet',
        ]),
      );
    }

    layout.heading('3. Företrädarnas deltagande');
    if (d.participation.length === 0) {
      layout.paragraph('Ingen företrädare har kallats till någon aktivitet under året.');
    } else {
      layout.paragraph('Hur många av årets aktiviteter varje företrädare kallades till och rapporterade tid för.');
      layout.table(
        [
          { header: 'Företrädare', width: '*' },
          { header: 'Kallad till', width: 80, align: 'right' },
          { header: 'Rapporterat', width: 80, align: 'right' },
        ],
        d.participation.map((p, i) => [
          required(p?.name, `Deltagande ${i + 1}: namn`),
          String(checkCount(p.called, `Deltagande ${i + 1}: kallad`)),
          String(checkCount(p.reported, `Deltagande ${i + 1}: rapporterat`)),
        ]),
      );
    }

    layout.heading('4. Översynens beslut');
    if (!d.decision) {
      layout.paragraph('Utkast: beslutet är ännu inte fattat. Rapporten sparas med sin kontrollsumma när beslutet registreras.', { bold: true });
    } else {
      layout.paragraph(required(d.decision.label, 'Beslutet'), { bold: true });
      if (d.decision.changes) layout.field('Förändringar', d.decision.changes);
      layout.field('Beslutat av', required(d.decision.decidedBy, 'Vem som beslutade'));
      layout.field('Beslutsdatum', formatDate(d.decision.decidedOn, 'Beslutsdatum'));
    }
  },
};
