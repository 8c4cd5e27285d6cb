import { easterSunday, isDeadlineDay, nextDeadlineDay } from '../common/swedish-holidays';
import { agiDueDate } from './agi-due-date';

describe('the due date of the employer return (issue 18 #4)', () => {
  it('moves 12 December 2026, a Saturday, to Monday 14 December', () => {
    expect(agiDueDate('2026-11', 'municipality-region')).toBe('2026-12-14');
    expect(agiDueDate('2026-11', 'vat-up-to-40m')).toBe('2026-12-14');
  });

  it('is the 12th of the next month for regions and municipalities, January and August too', () => {
    expect(agiDueDate('2026-03', 'municipality-region')).toBe('2026-04-13'); // 12 April 2026 is a Sunday
    expect(agiDueDate('2026-12', 'municipality-region')).toBe('2027-01-12');
    expect(agiDueDate('2027-07', 'municipality-region')).toBe('2027-08-12');
  });

  it('is the 17th in January and August under the main rule and without VAT', () => {
    expect(agiDueDate('2026-12', 'vat-up-to-40m')).toBe('2027-01-18'); // 17 January 2027 is a Sunday
    expect(agiDueDate('2027-07', 'vat-up-to-40m')).toBe('2027-08-17');
    expect(agiDueDate('2027-07', 'no-vat')).toBe('2027-08-17');
    expect(agiDueDate('2027-02', 'no-vat')).toBe('2027-03-12');
  });

  it('is the 26th for large VAT payers, moved past Christmas', () => {
    expect(agiDueDate('2027-04', 'vat-over-40m')).toBe('2027-05-26');
    expect(agiDueDate('2027-02', 'vat-over-40m')).toBe('2027-03-30'); // långfredagen 26 March, then the weekend and annandag påsk
    expect(agiDueDate('2027-11', 'vat-over-40m')).toBe('2027-12-27'); // 26 December is annandag jul
    expect(agiDueDate('2026-11', 'vat-over-40m')).toBe('2026-12-28'); // Saturday 26 December 2026
  });

  it('knows the Swedish holidays a deadline skips (lag 1930:173)', () => {
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(isDeadlineDay('2026-04-06')).toBe(false); // annandag påsk
    expect(isDeadlineDay('2026-05-14')).toBe(false); // Kristi himmelsfärdsdag
    expect(isDeadlineDay('2026-06-19')).toBe(false); // midsommarafton
    expect(isDeadlineDay('2026-12-24')).toBe(false);
    expect(isDeadlineDay('2026-12-31')).toBe(false);
    expect(isDeadlineDay('2026-12-14')).toBe(true);
    expect(nextDeadlineDay('2026-12-24')).toBe('2026-12-28');
    expect(nextDeadlineDay('2004-04-12')).toBe('2004-04-13'); // annandag påsk 2004 on the 12th
  });
});
