import fs from 'node:fs';
import path from 'node:path';

/**
 * The routine's cost example (Rutin för patientmedverkan §4.5.6), read from its text: `test/fixtures/routine/
 * rakneexempel-4.5.6.txt` is the section exactly as it stands in the routine (../shared/seeds/rutin-for-patientmedverkan.txt,
 * lines 433–472). The budget tests take the plan, the flat amounts, the contribution rate and the two totals from it,
 * so that nothing of the example is written into the code under test.
 */
export interface RoutineCostExample {
  representatives: number;
  fullDays: number;
  halfDays: number;
  shortSessions: number;
  extraPreparationDays: number;
  /** The flat amounts per session in kronor: 1 700 / 850 / 425. */
  fullDayKr: number;
  halfDayKr: number;
  shortKr: number;
  /** Employer contributions in basis points (31,42 % = 3142). */
  contributionBp: number;
  /** One representative travels: this many return trips at this cost. */
  travellers: number;
  trips: number;
  tripKr: number;
  /** The totals the routine states, in kronor. */
  totalExcludingTravelKr: number;
  totalIncludingTravelKr: number;
}

export const ROUTINE_EXAMPLE_FILE = path.join(__dirname, '..', 'fixtures', 'routine', 'rakneexempel-4.5.6.txt');

const kronor = (s: string) => Number(s.replace(/\s/g, ''));
const WORDS: Record<string, number> = { en: 1, ett: 1, två: 2, tre: 3, fyra: 4, fem: 5, sex: 6, sju: 7, åtta: 8 };

export function routineCostExample(text = fs.readFileSync(ROUTINE_EXAMPLE_FILE, 'utf8')): RoutineCostExample {
  const t = text.replace(/\s+/g, ' ');
  const need = (re: RegExp, what: string): RegExpExecArray => {
    const m = re.exec(t);
    if (!m) throw new Error(`§4.5.6: ${what} not found in the routine's text`);
    return m;
  };
  const row = (label: string) => {
    const m = need(new RegExp(`(\\S+) ${label}[^(]*\\(([\\d ]+?) x (\\d+) x (\\d+) = ([\\d ]+)\\)`, 'i'), label);
    const [amount, people, count, total] = [kronor(m[2]), Number(m[3]), Number(m[4]), kronor(m[5])];
    if (amount * people * count !== total) throw new Error(`§4.5.6: ${label} does not add up`);
    if (WORDS[m[1].toLowerCase()] !== count) throw new Error(`§4.5.6: ${label}: "${m[1]}" is not ${count}`);
    return { amount, people, count };
  };
  const full = row('heldagar');
  const half = row('halvdagar');
  const short = row('kortare avstämningar');
  const extra = need(/med (\S+) heldag per patient\/närstående \(([\d ]+?) x (\d+) = ([\d ]+?)\)/, 'the extra reading day');
  if (kronor(extra[2]) !== full.amount) throw new Error('§4.5.6: the reading day is not priced as a full day');
  const people = new Set([full.people, half.people, short.people, Number(extra[3])]);
  if (people.size !== 1) throw new Error('§4.5.6: the rows count different numbers of representatives');
  const rate = need(/Arbetsgivaravgift för \d{4} är (\d+),(\d{2}) procent/, 'the contribution rate');
  const trips = need(/(\S+) patient\/närstående har behov av att få ersättning för resa[^(]*\(resor tur och retur (\d+) x (\d+) = ([\d ]+?)\)/, 'the trips');
  const totalEx = need(/exklusive reseersättning, inklusive arbetsgivaravgift\*: ([\d ]+?) kronor/, 'the total excluding travel');
  const totalIn = need(/inklusive reseersättning och arbetsgivaravgift\*: ([\d ]+?) kronor/, 'the total including travel');
  return {
    representatives: full.people,
    fullDays: full.count,
    halfDays: half.count,
    shortSessions: short.count,
    extraPreparationDays: WORDS[extra[1].toLowerCase()], // "en heldag per patient/närstående"
    fullDayKr: full.amount,
    halfDayKr: half.amount,
    shortKr: short.amount,
    contributionBp: Number(rate[1]) * 100 + Number(rate[2]),
    travellers: WORDS[trips[1].toLowerCase()],
    trips: Number(trips[2]),
    tripKr: kronor(trips[3]),
    totalExcludingTravelKr: kronor(totalEx[1]),
    totalIncludingTravelKr: kronor(totalIn[1]),
  };
}

/** The example as a plan of the API (`PUT /working-groups/{id}/budgets/{year}`); with or without the trips. */
export function routinePlan(e: RoutineCostExample, withTrips: boolean) {
  return {
    representatives: e.representatives,
    fullDays: e.fullDays,
    halfDays: e.halfDays,
    shortSessions: e.shortSessions,
    extraPreparationDays: e.extraPreparationDays,
    travel: withTrips ? [{ representatives: e.travellers, tripsPerRepresentative: e.trips, costPerTripOre: e.tripKr * 100 }] : [],
  };
}
