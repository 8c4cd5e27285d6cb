import type { Role } from '../auth/auth-user';
import { accessProblems, inviteRefusal } from './account-rules';

describe('accessProblems', () => {
  it('accepts each role with its own scope', () => {
    expect(accessProblems({ roles: ['admin'] })).toEqual({});
    expect(accessProblems({ roles: ['coordinator'], groupIds: ['g'] })).toEqual({});
    expect(accessProblems({ roles: ['org-contact'], organisationId: 'o' })).toEqual({});
    expect(accessProblems({ roles: ['representative'], personId: 'p' }, { requirePerson: true })).toEqual({});
    expect(accessProblems({ roles: ['finance'], payerCode: 'SKR' })).toEqual({});
    expect(accessProblems({ roles: ['coordinator', 'finance'], payerCode: 'sodra' })).toEqual({});
  });

  it('names the field that is missing or does not belong to the roles', () => {
    expect(Object.keys(accessProblems({ roles: [] }))).toEqual(['roles']);
    expect(Object.keys(accessProblems({ roles: ['org-contact'] }))).toEqual(['organisationId']);
    expect(Object.keys(accessProblems({ roles: ['finance'] }))).toEqual(['payerCode']);
    expect(Object.keys(accessProblems({ roles: ['representative'] }, { requirePerson: true }))).toEqual(['personId']);
    expect(accessProblems({ roles: ['representative'] })).toEqual({});
    expect(Object.keys(accessProblems({ roles: ['admin'], personId: 'p', organisationId: 'o', payerCode: 'SKR', groupIds: ['g'] })).sort()).toEqual([
      'groupIds',
      'organisationId',
      'payerCode',
      'personId',
    ]);
    expect(accessProblems({ roles: ['admin', 'admin'] }).roles).toEqual(['Samma roll får bara anges en gång.']);
  });
});

describe('inviteRefusal (who may invite whom; denied by default)', () => {
  const org = '0b6f2f0e-8d6c-4a57-9a5e-1f3a2b4c5d6e';
  const otherOrg = '1c7f3f1f-9e7d-4b68-8b6f-2f4b3c5d6e7f';
  const person = '2d8f4a2a-af8e-4c79-9c7a-3a5c4d6e7f80';
  const admin = { roles: ['admin'] as Role[], organisationId: null };
  const coordinator = { roles: ['coordinator'] as Role[], organisationId: null };
  const contact = { roles: ['org-contact'] as Role[], organisationId: org };
  const known = { personInCoordinatedGroup: true };
  const unknown = { personInCoordinatedGroup: false };

  it('lets an administrator invite any roles and scope', () => {
    expect(inviteRefusal(admin, { roles: ['org-contact'], organisationId: otherOrg }, unknown)).toBeNull();
    expect(inviteRefusal(admin, { roles: ['coordinator', 'finance'], payerCode: 'SKR' }, unknown)).toBeNull();
    expect(inviteRefusal(admin, { roles: ['representative'] }, unknown)).toBeNull();
  });

  it('lets a coordinator invite a representative only for a person of a group they coordinate', () => {
    expect(inviteRefusal(coordinator, { roles: ['representative'], personId: person }, known)).toBeNull();
    // A person outside their groups reads as unknown (400 on personId), so nothing is revealed.
    expect(inviteRefusal(coordinator, { roles: ['representative'], personId: person }, unknown)).toEqual({ message: 'Personen finns inte.', field: 'personId' });
    // A new person is not in any of their groups.
    const fresh = inviteRefusal(coordinator, { roles: ['representative'] }, unknown);
    expect(fresh?.field).toBeUndefined();
    expect(fresh?.message).toMatch(/egna grupper/);
  });

  it('never lets a coordinator make an organisation contact, nor any other role', () => {
    for (const organisationId of [org, otherOrg]) {
      expect(inviteRefusal(coordinator, { roles: ['org-contact'], organisationId }, known)?.message).toMatch(/administratör eller av en kontakt i samma organisation/);
    }
    for (const roles of [['admin'], ['coordinator'], ['finance'], ['representative', 'org-contact']] as Role[][]) {
      expect(inviteRefusal(coordinator, { roles, personId: person, organisationId: org, payerCode: 'SKR' }, known)).not.toBeNull();
    }
  });

  it('lets an organisation contact invite contacts of their own organisation only', () => {
    expect(inviteRefusal(contact, { roles: ['org-contact'], organisationId: org }, unknown)).toBeNull();
    expect(inviteRefusal(contact, { roles: ['org-contact'], organisationId: org.toUpperCase() }, unknown)).toBeNull();
    expect(inviteRefusal(contact, { roles: ['org-contact'], organisationId: otherOrg }, unknown)).not.toBeNull();
    expect(inviteRefusal(contact, { roles: ['org-contact'] }, unknown)).not.toBeNull();
    expect(inviteRefusal(contact, { roles: ['representative'], personId: person }, known)).not.toBeNull();
    expect(inviteRefusal({ roles: ['org-contact'], organisationId: null }, { roles: ['org-contact'], organisationId: org }, unknown)).not.toBeNull();
  });

  it('refuses representatives, finance and users without a role that invites', () => {
    for (const roles of [['representative'], ['finance'], []] as Role[][]) {
      const actor = { roles, organisationId: null };
      expect(inviteRefusal(actor, { roles: ['representative'], personId: person }, known)).not.toBeNull();
      expect(inviteRefusal(actor, { roles: ['org-contact'], organisationId: org }, known)).not.toBeNull();
    }
  });
});
