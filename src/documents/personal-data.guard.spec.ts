import { containsPersonnummer } from './personal-data.guard';

describe('containsPersonnummer', () => {
  it('finds a valid personnummer or samordningsnummer anywhere in template data', () => {
    expect(containsPersonnummer({ payee: { name: 'Åsa', note: 'pnr 19811228-9874' } })).toBe(true);
    expect(containsPersonnummer(['811228-9874'])).toBe(true);
    expect(containsPersonnummer({ x: '198112289874' })).toBe(true);
    expect(containsPersonnummer({ x: '701063-2391' })).toBe(true); // samordningsnummer (day + 60)
  });

  it('lets masked numbers, phone numbers, dates and amounts through', () => {
    expect(containsPersonnummer({ payee: { personnummerMasked: '********-9874' } })).toBe(false);
    expect(containsPersonnummer({ phone: '0701234567', tel: '010-123 45 67', date: '2026-03-01', ore: 213120 })).toBe(false);
    expect(containsPersonnummer({ x: '811228-9875' })).toBe(false); // wrong check digit
  });
});
