import { formatKronor, formatPercent, formatTimestamp, NBSP } from './pdf-layout';
import { ALL_TEMPLATE_VERSIONS, CURRENT_TEMPLATES, findTemplateVersion } from './index';

const plain = (s: string) => s.split(NBSP).join(' ');

describe('formatting for documents', () => {
  it('prints öre as Swedish kronor with non-breaking spaces', () => {
    expect(plain(formatKronor(213_120))).toBe('2 131,20 kr');
    expect(plain(formatKronor(5_920_000, { decimals: 'auto' }))).toBe('59 200 kr');
    expect(plain(formatKronor(29_650, { decimals: 'auto' }))).toBe('296,50 kr');
    expect(plain(formatKronor(-72_810))).toBe('-728,10 kr');
    expect(plain(formatKronor(5))).toBe('0,05 kr');
    expect(formatKronor(123_456_789)).not.toContain(' '); // never breaks a line inside an amount
    expect(() => formatKronor(1.5)).toThrow(/heltal i öre/);
  });

  it('prints percentages with a decimal comma and times in Swedish time', () => {
    expect(plain(formatPercent(31.42))).toBe('31,42 %');
    expect(formatTimestamp('2026-07-01T10:00:00Z')).toBe('2026-07-01 12:00:00');
    expect(formatTimestamp('2026-01-15T23:30:00Z')).toBe('2026-01-16 00:30:00');
  });
});

describe('template registry', () => {
  it('knows every current template by id and version, and ids+versions are unique', () => {
    const refs = ALL_TEMPLATE_VERSIONS.map((t) => `${t.id}@${t.version}`);
    expect(new Set(refs).size).toBe(refs.length);
    for (const [id, t] of Object.entries(CURRENT_TEMPLATES)) {
      expect(t.id).toBe(id);
      expect(findTemplateVersion(t.id, t.version)).toBe(t);
    }
    expect(findTemplateVersion('agreement.sv', '999')).toBeUndefined();
  });
});
