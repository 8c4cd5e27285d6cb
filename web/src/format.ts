/** Dates and amounts as people in Sweden read them. Business dates are YYYY-MM-DD in Europe/Stockholm. */

const TZ = 'Europe/Stockholm';

const dateFmt = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: TZ });
const dateTimeFmt = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: TZ });

/** "2026-03-01" or an ISO timestamp → "1 mars 2026". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return dateFmt.format(d);
}

export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateTimeFmt.format(d);
}

/** Today's date in Stockholm, YYYY-MM-DD. */
export function todayInStockholm(now = new Date()): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function dayNumber(ymd: string): number {
  const [y, m, d] = ymd.slice(0, 10).split('-').map(Number);
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** "i dag", "i morgon", "om 5 dagar", "för 2 dagar sedan". */
export function relativeDays(value: string, now = new Date()): string {
  const target = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : todayInStockholm(new Date(value));
  const diff = dayNumber(target) - dayNumber(todayInStockholm(now));
  if (diff === 0) return 'i dag';
  if (diff === 1) return 'i morgon';
  if (diff === -1) return 'i går';
  if (diff > 1) return `om ${diff} dagar`;
  return `för ${-diff} dagar sedan`;
}

export function isPast(value: string, now = new Date()): boolean {
  const target = /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : todayInStockholm(new Date(value));
  return dayNumber(target) < dayNumber(todayInStockholm(now));
}

const kronor = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Integer öre → "1 714,00 kr". */
export function formatOre(ore: number | string | null | undefined): string {
  if (ore === null || ore === undefined || ore === '') return '';
  return kronor.format(Number(ore) / 100);
}

/** "1 714,50" or "1714.5" kronor → öre (integer); NaN when it is not a number. */
export function parseKronor(text: string): number {
  const t = text.replace(/\s|kr/gi, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return Number.NaN;
  return Math.round(Number(t) * 100);
}

/** "3,6" (per cent) → 360 basis points; NaN when it is not a number. */
export function parsePercentToBp(text: string): number {
  const t = text.replace(/\s|%/g, '').replace(',', '.');
  if (!/^\d+(\.\d{1,2})?$/.test(t)) return Number.NaN;
  return Math.round(Number(t) * 100);
}

/** 360 basis points → "3,6 %". */
export function formatBp(bp: number): string {
  return `${(bp / 100).toLocaleString('sv-SE', { maximumFractionDigits: 2 })} %`;
}

/** Öre → "1 714,50" (for a form field, without "kr"). */
export function oreToInput(ore: number | null | undefined): string {
  if (ore === null || ore === undefined) return '';
  return (ore / 100).toLocaleString('sv-SE', { minimumFractionDigits: 0, maximumFractionDigits: 2, useGrouping: false });
}

export function bpToInput(bp: number): string {
  return (bp / 100).toLocaleString('sv-SE', { maximumFractionDigits: 2, useGrouping: false });
}

/** Whole numbers typed by a person ("120", " 120 ") → 120; NaN otherwise. */
export function parseWhole(text: string): number {
  const t = text.replace(/\s/g, '');
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}
