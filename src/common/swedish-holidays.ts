/**
 * Days on which a statutory deadline does not fall in Sweden (lag (1930:173) om beräkning av lagstadgad tid): a
 * deadline that falls on a Saturday, a Sunday, another public holiday (helgdag), midsummer eve, Christmas eve or New
 * Year's eve moves to the next day that is none of these. Pure calendar arithmetic on `YYYY-MM-DD` strings (UTC noon,
 * so no time zone can move a day).
 */

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d, 12));
const iso = (t: Date) => t.toISOString().slice(0, 10);
const plus = (t: Date, days: number) => new Date(t.getTime() + days * 86_400_000);

/** Easter Sunday of `year` (the anonymous Gregorian algorithm). */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(day(year, month, dayOfMonth));
}

/** The weekday holidays and the eves lag (1930:173) treats as such, of `year` (weekends are not listed). */
export function nonWorkingDays(year: number): Set<string> {
  const easter = day(year, Number(easterSunday(year).slice(5, 7)), Number(easterSunday(year).slice(8, 10)));
  // Midsummer eve: the Friday between 19 and 25 June.
  let midsummerEve = day(year, 6, 19);
  while (midsummerEve.getUTCDay() !== 5) midsummerEve = plus(midsummerEve, 1);
  return new Set(
    [
      day(year, 1, 1), // nyårsdagen
      day(year, 1, 6), // trettondedag jul
      plus(easter, -2), // långfredagen
      plus(easter, 1), // annandag påsk
      day(year, 5, 1), // första maj
      plus(easter, 39), // Kristi himmelsfärdsdag
      day(year, 6, 6), // nationaldagen
      midsummerEve, // midsommarafton (lagstadgad tid)
      day(year, 12, 24), // julafton (lagstadgad tid)
      day(year, 12, 25), // juldagen
      day(year, 12, 26), // annandag jul
      day(year, 12, 31), // nyårsafton (lagstadgad tid)
    ].map(iso),
  );
}

/** Whether a statutory deadline may fall on `date`. */
export function isDeadlineDay(date: string): boolean {
  const t = day(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
  const weekday = t.getUTCDay();
  return weekday !== 0 && weekday !== 6 && !nonWorkingDays(t.getUTCFullYear()).has(date);
}

/** `date`, or the next day a statutory deadline may fall on. */
export function nextDeadlineDay(date: string): string {
  let t = day(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
  while (!isDeadlineDay(iso(t))) t = plus(t, 1);
  return iso(t);
}
