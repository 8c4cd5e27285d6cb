import { AuthenticatedUserSigner } from './authenticated-user.signer';

describe('AuthenticatedUserSigner', () => {
  const hash = 'a'.repeat(64);
  it('records who signed, in which role, when, from where and over which hash', async () => {
    const at = new Date('2026-03-03T12:00:00Z');
    const signer = new AuthenticatedUserSigner({ id: 'u1', name: 'Åsa Öberg-Ängström' }, { ipAddress: '203.0.113.7', userAgent: 'Firefox' }, () => at);
    await expect(signer.sign({ documentId: 'd1', documentSha256: hash, role: 'representative' })).resolves.toEqual({
      method: 'authenticated-user',
      signerUserId: 'u1',
      signerName: 'Åsa Öberg-Ängström',
      role: 'representative',
      signedAt: at,
      ipAddress: '203.0.113.7',
      userAgent: 'Firefox',
      documentSha256: hash,
      details: { authentication: 'session' },
    });
  });

  it('refuses without an identified user, and caps a long user agent', async () => {
    await expect(new AuthenticatedUserSigner({ id: '', name: 'x' }, { ipAddress: null, userAgent: null }).sign({ documentId: 'd', documentSha256: hash, role: 'countersigner' })).rejects.toThrow(
      /inloggad/,
    );
    const e = await new AuthenticatedUserSigner({ id: 'u', name: 'n' }, { ipAddress: null, userAgent: 'x'.repeat(5000) }).sign({
      documentId: 'd',
      documentSha256: hash,
      role: 'countersigner',
    });
    expect(e.userAgent).toHaveLength(512);
  });
});
