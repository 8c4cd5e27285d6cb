import { accessProblems } from './account-rules';

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
