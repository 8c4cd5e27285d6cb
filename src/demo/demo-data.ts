/**
 * The demo data set loaded by the start command, through the public API so every group gets its workflow.
 * Fixed IDs make it idempotent: starting again finds what is there.
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
    endsOn: '2027-12-31',
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

export async function seedDemoData(apiUrl: string, log: (msg: string) => void = () => undefined): Promise<void> {
  for (const g of DEMO_GROUPS) {
    const res = await fetch(`${apiUrl}/working-groups`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(g),
    });
    if (res.status >= 300) throw new Error(`demo group ${g.name}: HTTP ${res.status} ${await res.text()}`);
    log(`demo group ready: ${g.name}`);
  }
}
