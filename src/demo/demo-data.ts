import type { Role } from '../auth/auth-user';
import { endOfNextYear } from '../time-reports/business-dates';

/**
 * The demo data set loaded by the start command, through the public API so every group gets its workflow.
 * Fixed IDs make it idempotent: starting again finds what is there.
 *
 * Demo organisations are created with `POST /organisations` (and put back with `PATCH` if they were changed).
 * Demo accounts (README "Demo accounts"): the administrator is created by the API itself at first start from
 * BOOTSTRAP_ADMIN_EMAIL / BOOTSTRAP_ADMIN_PASSWORD (the start command sets them to DEMO_ADMIN); every other
 * account is made by that administrator through `POST /users` and activated through the invitation link.
 */
export const DEMO_GROUPS = [
  {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'NPO Hjärt- och kärlsjukdomar',
    kind: 'NPO',
    hostRegion: 'sodra',
    commission: 'Leda och samordna kunskapsstyrningen inom hjärt- och kärlsjukdomar.',
  },
  {
    id: '00000000-0000-4000-8000-000000000002',
    name: 'NAG Hjärtsvikt',
    kind: 'NAG',
    parentGroupId: '00000000-0000-4000-8000-000000000001',
    commission: 'Ta fram ett personcentrerat och sammanhållet vårdförlopp för hjärtsvikt.',
    standing: false,
    // A time-limited group that is still running whenever the demo is loaded (a fixed date would pass).
    endsOn: endOfNextYear(new Date()),
  },
  {
    id: '00000000-0000-4000-8000-000000000003',
    name: 'NSG Metoder för kunskapsstöd',
    kind: 'NSG',
    commission: 'Utveckla metoder för kunskapsstöd inom det nationella systemet för kunskapsstyrning.',
  },
  {
    id: '00000000-0000-4000-8000-000000000004',
    name: 'NAG Patientmedverkan',
    kind: 'NAG',
    parentGroupId: '00000000-0000-4000-8000-000000000003',
    commission: 'Stödja patient- och närståendemedverkan i nationella arbetsgrupper.',
    workStartedOn: '2026-09-01',
  },
  {
    id: '00000000-0000-4000-8000-000000000005',
    name: 'RPO Psykisk hälsa, Västra',
    kind: 'RPO',
    hostRegion: 'vastra',
    commission: 'Sjukvårdsregionalt programområde för psykisk hälsa.',
  },
];

/** Every demo account has this password. Demo only: never set BOOTSTRAP_ADMIN_PASSWORD to it in production. */
export const DEMO_PASSWORD = 'Demo-2026!';
export const DEMO_ADMIN = { email: 'admin@demo.medverkan.se', password: DEMO_PASSWORD };

/** Patient and next-of-kin organisations (fictional), created through `POST /organisations` with these fixed IDs. */
export const DEMO_ORGANISATIONS = [
  {
    id: '00000000-0000-4000-8000-000000000101',
    name: 'Hjärtförbundet (demo)',
    perspective: 'patient',
    contactEmail: 'kontakt.hjarta@demo.medverkan.se',
  },
  {
    id: '00000000-0000-4000-8000-000000000102',
    name: 'Närstående i psykiatrin (demo)',
    perspective: 'next-of-kin',
    contactEmail: 'kontakt.psykiatri@demo.medverkan.se',
  },
  {
    id: '00000000-0000-4000-8000-000000000103',
    name: 'Patientrådet för kunskapsstöd (demo)',
    perspective: 'both',
    contactEmail: 'kontakt.patientradet@demo.medverkan.se',
  },
] as const;

export interface DemoUser {
  email: string;
  displayName: string;
  roles: Role[];
  groupIds?: string[];
  organisationId?: string;
  payerCode?: string;
}

const G = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;

/** One or more accounts for every role, linked to the demo groups, organisations and payers. */
export const DEMO_USERS: DemoUser[] = [
  { email: 'samordnare@demo.medverkan.se', displayName: 'Sara Samordnare', roles: ['coordinator'], groupIds: [G(1), G(2)] },
  { email: 'samordnare.nsg@demo.medverkan.se', displayName: 'Nils Samordnare', roles: ['coordinator'], groupIds: [G(3), G(4)] },
  { email: 'samordnare.vastra@demo.medverkan.se', displayName: 'Vera Samordnare', roles: ['coordinator'], groupIds: [G(5)] },
  { email: 'kontakt.hjarta@demo.medverkan.se', displayName: 'Karin Kontakt', roles: ['org-contact'], organisationId: DEMO_ORGANISATIONS[0].id },
  { email: 'kontakt.psykiatri@demo.medverkan.se', displayName: 'Olle Organisation', roles: ['org-contact'], organisationId: DEMO_ORGANISATIONS[1].id },
  { email: 'foretradare@demo.medverkan.se', displayName: 'Rut Företrädare', roles: ['representative'] },
  { email: 'foretradare2@demo.medverkan.se', displayName: 'Per Patient', roles: ['representative'] },
  { email: 'ekonomi.skr@demo.medverkan.se', displayName: 'Eva Ekonomi (SKR)', roles: ['finance'], payerCode: 'SKR' },
  { email: 'ekonomi.sodra@demo.medverkan.se', displayName: 'Erik Ekonomi (Södra sjukvårdsregionen)', roles: ['finance'], payerCode: 'sodra' },
];

/**
 * The demo payers' own settings (issue 18 #6), so a demo run can be approved and its pain.001 file taken out: the
 * organisation numbers are SKR's and Region Skåne's (Södra sjukvårdsregionen's host), the accounts made-up ones that
 * pass the banks' check-digit rules. Set only where the payer has none (an administrator's own choice stays).
 */
export const DEMO_PAYER_SETTINGS = [
  { code: 'SKR', organisationNumber: '222000-0315', bankAccount: { clearingNumber: '5000', accountNumber: '1234560', bic: 'ESSESESS' } },
  { code: 'sodra', organisationNumber: '232100-0255', bankAccount: { clearingNumber: '6000', accountNumber: '987654322', bic: 'HANDSESS' } },
] as const;

type Json = Record<string, unknown>;

async function http(apiUrl: string, method: string, path: string, token?: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
}

/**
 * Loads the demo groups, organisations and accounts through the API as `admin` (the bootstrap administrator).
 * Idempotent: a second run finds the groups, brings changed organisations back to their demo fields and the
 * accounts back to their demo roles and scope.
 */
export async function seedDemoData(
  apiUrl: string,
  log: (msg: string) => void = () => undefined,
  admin: { email: string; password: string } = DEMO_ADMIN,
): Promise<void> {
  const login = await http(apiUrl, 'POST', '/auth/login', undefined, admin);
  if (login.status !== 200) {
    throw new Error(
      `demo data: cannot log in as ${admin.email} (HTTP ${login.status}). Start with BOOTSTRAP_ADMIN_EMAIL/BOOTSTRAP_ADMIN_PASSWORD set, or remove .data to start afresh.`,
    );
  }
  const token = login.body.token as string;
  for (const g of DEMO_GROUPS) {
    const res = await http(apiUrl, 'POST', '/working-groups', token, g);
    if (res.status >= 300) throw new Error(`demo group ${g.name}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    log(`demo group ready: ${g.name}`);
  }
  for (const o of DEMO_ORGANISATIONS) {
    await ensureDemoOrganisation(apiUrl, token, o);
    log(`demo organisation ready: ${o.name}`);
  }
  for (const u of DEMO_USERS) {
    await ensureDemoUser(apiUrl, token, u);
    log(`demo account ready: ${u.email} (${u.roles.join(', ')})`);
  }
  for (const p of DEMO_PAYER_SETTINGS) {
    const current = await http(apiUrl, 'GET', `/paying-bodies/${p.code}/settings`, token);
    if (current.status !== 200) throw new Error(`demo payer ${p.code}: HTTP ${current.status} ${JSON.stringify(current.body)}`);
    const patch = {
      ...(current.body.organisationNumber ? {} : { organisationNumber: p.organisationNumber }),
      ...(current.body.bankAccount ? {} : { bankAccount: p.bankAccount }),
    };
    if (Object.keys(patch).length) {
      const res = await http(apiUrl, 'PATCH', `/paying-bodies/${p.code}/settings`, token, patch);
      if (res.status !== 200) throw new Error(`demo payer ${p.code}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    }
    log(`demo payer ready: ${p.code}`);
  }
}

/** Creates the organisation with its fixed id, or puts its demo fields back when someone changed them (409 on create). */
async function ensureDemoOrganisation(apiUrl: string, token: string, o: (typeof DEMO_ORGANISATIONS)[number]): Promise<void> {
  const created = await http(apiUrl, 'POST', '/organisations', token, o);
  if (created.status < 300) return;
  if (created.status === 409) {
    const { id, ...fields } = o;
    const restored = await http(apiUrl, 'PATCH', `/organisations/${id}`, token, fields);
    if (restored.status === 200) return;
    throw new Error(`demo organisation ${o.name}: HTTP ${restored.status} ${JSON.stringify(restored.body)}`);
  }
  throw new Error(`demo organisation ${o.name}: HTTP ${created.status} ${JSON.stringify(created.body)}`);
}

/** Creates the account (invitation + acceptance with DEMO_PASSWORD), or brings an existing one back to its demo roles. */
async function ensureDemoUser(apiUrl: string, token: string, u: DemoUser): Promise<void> {
  const access = { roles: u.roles, groupIds: u.groupIds, organisationId: u.organisationId, payerCode: u.payerCode };
  const found = await http(apiUrl, 'GET', `/users?q=${encodeURIComponent(u.email)}`, token);
  let existing = (found.body.items as Array<{ id: string; email: string; status: string; personId: string | null }> | undefined)?.find(
    (x) => x.email === u.email,
  );
  if (existing?.status === 'disabled') {
    await http(apiUrl, 'POST', `/users/${existing.id}/enable`, token);
    existing = (await http(apiUrl, 'GET', `/users/${existing.id}`, token)).body as unknown as typeof existing;
  }
  if (existing?.status === 'active') {
    const res = await http(apiUrl, 'PUT', `/users/${existing.id}/access`, token, { ...access, personId: existing.personId ?? undefined });
    if (res.status !== 200) throw new Error(`demo account ${u.email}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return;
  }
  const invited = await http(apiUrl, 'POST', '/users', token, { email: u.email, displayName: u.displayName, ...access });
  if (invited.status !== 201) throw new Error(`demo account ${u.email}: HTTP ${invited.status} ${JSON.stringify(invited.body)}`);
  const acceptUrl = (invited.body.invitation as { acceptUrl?: string }).acceptUrl;
  if (!acceptUrl) throw new Error(`demo account ${u.email}: the invitation was mailed (MAIL_TRANSPORT=smtp); accept it from the mail`);
  const accepted = await http(apiUrl, 'POST', '/auth/invitations/accept', undefined, {
    token: new URL(acceptUrl).hash.replace(/^#token=/, ''),
    password: DEMO_PASSWORD,
  });
  if (accepted.status !== 200) throw new Error(`demo account ${u.email}: accepting the invitation gave HTTP ${accepted.status}`);
}
