import { contentDisposition, slipFileName } from './content-disposition';

describe('download file names (issue 17 #9)', () => {
  it('carries the person\'s name, å, ä and ö kept in filename* (RFC 5987) and folded in the ASCII filename', () => {
    const name = slipFileName('2026-03', 'Åsa Öberg-Lindgren');
    expect(name).toBe('utbetalningsbesked-2026-03-Åsa-Öberg-Lindgren.pdf');
    expect(contentDisposition(name)).toBe(
      `attachment; filename="utbetalningsbesked-2026-03-Asa-Oberg-Lindgren.pdf"; filename*=UTF-8''utbetalningsbesked-2026-03-%C3%85sa-%C3%96berg-Lindgren.pdf`,
    );
  });

  it('never lets a name break the header or the path', () => {
    const name = slipFileName('2026-03', 'Eva "x"; filename=../../etc\r\n (test)');
    expect(name).toBe('utbetalningsbesked-2026-03-Eva-x-filename-etc-test.pdf');
    const header = contentDisposition("d'Arc (kopia)*.pdf");
    expect(header).toContain(`filename*=UTF-8''d%27Arc%20%28kopia%29%2A.pdf`);
    expect(header).not.toMatch(/[\r\n]/);
  });

  it('names a supplementary run\'s slip as such', () => {
    expect(slipFileName('2026-03', 'Per Patient', 1)).toBe('utbetalningsbesked-2026-03-komplettering-1-Per-Patient.pdf');
  });
});
