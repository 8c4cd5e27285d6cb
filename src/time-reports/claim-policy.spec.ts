import { endOfStockholmDay } from './business-dates';
import { activityDateProblems, claimDeadline, deadlineProblem, receiptDateProblems, reminderFrom } from './claim-policy';
import { checkReceiptFile, cleanFileName, RECEIPT_MAX_BYTES, sniffReceiptType } from './receipt-file';

const policy = { claimWithinMonths: 3, receiptMaxAgeMonths: 6, remindDaysBefore: 14 };
const period = { start: '2026-01-01', end: '2026-12-31' };

describe('claim policy', () => {
  it('sets the deadline a number of months after the activity and reminds the given days before', () => {
    expect(claimDeadline('2026-09-14', policy)).toBe('2026-12-14');
    expect(claimDeadline('2026-11-30', policy)).toBe('2027-02-28');
    expect(reminderFrom('2026-12-14', policy)).toBe('2026-11-30');
  });

  it('accepts a past date within the agreement, and refuses future dates and dates outside it', () => {
    expect(activityDateProblems('2026-09-14', '2026-11-25', period)).toEqual([]);
    expect(activityDateProblems('2026-11-26', '2026-11-25', period)[0]).toMatch(/framtiden/);
    expect(activityDateProblems('2025-12-31', '2026-11-25', period)[0]).toMatch(/utanför överenskommelsens period \(1 januari 2026–31 december 2026\)/);
    expect(activityDateProblems('2026-09-14', '2026-11-25', { start: '2026-01-01', end: null })).toEqual([]);
    expect(activityDateProblems('2026-09-14', '2026-11-25', { start: null, end: null })[0]).toMatch(/ej fastställd/);
  });

  it('lets a claim in on its last day and not the day after', () => {
    expect(deadlineProblem('2026-08-25', '2026-11-25', policy)).toBeUndefined();
    expect(deadlineProblem('2026-08-24', '2026-11-25', policy)).toBe(
      'Sista dag att begära ersättning för denna aktivitet var 24 november 2026 (inom 3 månader efter aktiviteten).',
    );
    expect(deadlineProblem('2026-08-24', '2026-11-25', { ...policy, claimWithinMonths: 6 })).toBeUndefined();
  });

  it('refuses receipts older than the policy allows, or dated in the future', () => {
    expect(receiptDateProblems('2026-05-25', '2026-11-25', policy)).toEqual([]);
    expect(receiptDateProblems('2026-05-24', '2026-11-25', policy)[0]).toMatch(/äldre än 6 månader/);
    expect(receiptDateProblems('2026-11-26', '2026-11-25', policy)[0]).toMatch(/framtiden/);
  });

  it('gives the last minute of a Stockholm day in winter and summer', () => {
    expect(endOfStockholmDay('2026-12-14')).toBe('2026-12-14T22:59:00.000Z');
    expect(endOfStockholmDay('2026-06-14')).toBe('2026-06-14T21:59:00.000Z');
  });
});

describe('receipt files', () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]);
  const pdf = Buffer.from('%PDF-1.7\n');

  it('tells the type from the content', () => {
    expect(sniffReceiptType(png)).toBe('image/png');
    expect(sniffReceiptType(jpeg)).toBe('image/jpeg');
    expect(sniffReceiptType(pdf)).toBe('application/pdf');
    expect(sniffReceiptType(Buffer.from('GIF89a'))).toBeUndefined();
  });

  it('refuses empty, too large, unknown and mislabelled files', () => {
    expect(checkReceiptFile(undefined).problem).toMatch(/Bifoga/);
    expect(checkReceiptFile({ size: RECEIPT_MAX_BYTES + 1, buffer: png }).problem).toBe('Filen är större än 10 MB.');
    expect(checkReceiptFile({ size: 6, buffer: Buffer.from('GIF89a'), mimetype: 'image/gif' }).problem).toMatch(/PDF-, JPEG- eller PNG/);
    expect(checkReceiptFile({ size: png.length, buffer: png, mimetype: 'application/pdf' }).problem).toMatch(/stämmer inte/);
    expect(checkReceiptFile({ size: jpeg.length, buffer: jpeg, mimetype: 'image/jpg' })).toEqual({ type: 'image/jpeg' });
    expect(checkReceiptFile({ size: pdf.length, buffer: pdf, mimetype: 'application/octet-stream' })).toEqual({ type: 'application/pdf' });
  });

  it('keeps only a safe file name', () => {
    expect(cleanFileName('C:\\Users\\a\\kvitto "SJ".pdf', 'application/pdf')).toBe('kvitto SJ.pdf');
    expect(cleanFileName('../../etc/passwd', 'image/png')).toBe('passwd');
    expect(cleanFileName('', 'image/jpeg')).toBe('kvitto.jpg');
  });
});
