import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolveTemporalCli } from '../src/dev/temporal-dev-server';
import { WorkingGroup } from '../src/working-groups/working-group.entity';
import { recruitmentWorkflowId } from '../workflows/ids';
import { groupEndedSignal } from '../workflows/recruitment.messages';
import { eventually, Harness, startHarness } from './support/harness';

describe('foundation: API and worker on real Temporal and PostgreSQL', () => {
  let h: Harness;
  let token: string;
  beforeAll(async () => {
    h = await startHarness();
    // A coordinator: the groups they create are theirs to read.
    ({ token } = await h.createUser({ roles: ['coordinator'] }));
  });
  afterAll(async () => {
    await h?.close();
  });

  /* eslint-disable @typescript-eslint/no-explicit-any */
  const auth = () => ({ authorization: `Bearer ${token}` });
  const post = (path: string, body: unknown) =>
    fetch(`${h.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth() }, body: JSON.stringify(body) });
  const get = (path: string) => fetch(`${h.baseUrl}${path}`, { headers: auth() });
  const groupCount = () => h.dataSource.getRepository(WorkingGroup).count();

  const npo = () => ({
    name: 'NPO Hjärt- och kärlsjukdomar',
    kind: 'NPO',
    hostRegion: 'sodra',
    commission: 'Leda kunskapsstyrningen inom hjärt- och kärlsjukdomar.',
  });

  it('reports both engines up on GET /health', async () => {
    const res = await fetch(`${h.baseUrl}/health`); // public: no login
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: { up: true }, temporal: { up: true, namespace: h.config.temporal.namespace } });
  });

  it('stores a group, starts its recruitment workflow and reads back the live status', async () => {
    const res = await post('/working-groups', npo());
    expect(res.status).toBe(201);
    const created: any = await res.json();
    const id = created.group.id as string;
    expect(created.recruitment.workflowId).toBe(`recruitment:${id}`);

    const row = await h.dataSource.getRepository(WorkingGroup).findOneByOrFail({ id });
    expect(row).toMatchObject({ name: 'NPO Hjärt- och kärlsjukdomar', kind: 'NPO', hostRegion: 'sodra', minRepresentatives: 2 });

    const view = await eventually(async () => {
      const r: any = await (await get(`/working-groups/${id}`)).json();
      return r.recruitment.status?.state === 'open' ? r : undefined;
    });
    expect(view.group.id).toBe(id);
    expect(view.recruitment).toMatchObject({ running: true, status: { groupId: id, minRepresentatives: 2, staffed: false, urgent: false } });
    // The activity wrote the state to the read model.
    await eventually(async () => (await h.dataSource.getRepository(WorkingGroup).findOneByOrFail({ id })).recruitmentState === 'open');

    // Visible to list queries by search attribute, through the client and the temporal CLI alike.
    await eventually(async () => {
      const found: string[] = [];
      for await (const wf of h.client.workflow.list({ query: `MedverkanGroupId = "${id}"` })) found.push(wf.workflowId);
      return found.includes(recruitmentWorkflowId(id));
    });
    const cli = resolveTemporalCli();
    if (!cli) throw new Error('the temporal CLI should be available to the test suite (scripts/temporal.sh)');
    const listed = execFileSync(cli, ['workflow', 'list', '--address', h.config.temporal.address, '--namespace', h.config.temporal.namespace, '--query', `MedverkanGroupId = "${id}"`, '--output', 'json'], {
      encoding: 'utf8',
    });
    expect(listed).toContain(recruitmentWorkflowId(id));
  });

  it('is idempotent: creating the same group twice keeps one group and one workflow run', async () => {
    const id = randomUUID();
    const first = await post('/working-groups', { ...npo(), id });
    const second = await post('/working-groups', { ...npo(), id });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(await h.dataSource.getRepository(WorkingGroup).countBy({ id })).toBe(1);
    const again = await post(`/working-groups/${id}/recruitment`, {});
    expect(again.status).toBe(200);
    const runs: string[] = [];
    await eventually(async () => {
      runs.length = 0;
      for await (const wf of h.client.workflow.list({ query: `WorkflowId = "${recruitmentWorkflowId(id)}"` })) runs.push(wf.runId);
      return runs.length > 0;
    });
    expect(runs).toHaveLength(1);
  });

  it('refuses bad input with field messages and leaves the database unchanged', async () => {
    const before = await groupCount();
    const res = await post('/working-groups', { name: '', kind: 'XYZ', minRepresentatives: 1, extra: true });
    expect(res.status).toBe(400);
    const body: any = await res.json();
    expect(body.statusCode).toBe(400);
    expect(body.fields.name).toEqual(['Ange gruppens namn.']);
    expect(body.fields.kind[0]).toMatch(/Gruppens typ/);
    expect(body.fields.commission).toBeDefined();
    expect(body.fields.minRepresentatives).toEqual(['En grupp ska ha minst två patient- eller närståendeföreträdare.']);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);

    const nagWithoutParent = await post('/working-groups', { name: 'NAG X', kind: 'NAG', commission: 'x' });
    expect(nagWithoutParent.status).toBe(400);
    expect(((await nagWithoutParent.json()) as any).fields.parentGroupId).toBeDefined();

    const notJson = await fetch(`${h.baseUrl}/working-groups`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth() }, body: '{bad' });
    expect(notJson.status).toBe(400);
    expect(await groupCount()).toBe(before);
  });

  it('answers 404 for an unknown or malformed group id', async () => {
    expect((await get(`/working-groups/${randomUUID()}`)).status).toBe(404);
    expect((await get('/working-groups/not-a-uuid')).status).toBe(404);
  });

  it('loses nothing when the worker is stopped and restarted while a workflow waits', async () => {
    const created: any = await (await post('/working-groups', npo())).json();
    const id = created.group.id as string;
    await eventually(async () => (await h.dataSource.getRepository(WorkingGroup).findOneByOrFail({ id })).recruitmentState === 'open');

    await h.stopWorker();
    // While no worker runs, the group ends: the signal waits in Temporal's history.
    await h.client.workflow.getHandle(recruitmentWorkflowId(id)).signal(groupEndedSignal);
    // A group created while the worker is down is started too and picked up later.
    const later: any = await (await post('/working-groups', npo())).json();
    expect((await h.dataSource.getRepository(WorkingGroup).findOneByOrFail({ id: later.group.id })).recruitmentState).toBe('not-started');

    await h.startWorker();
    const result = await h.client.workflow.getHandle(recruitmentWorkflowId(id)).result();
    expect(result.state).toBe('ended');
    await eventually(async () => (await h.dataSource.getRepository(WorkingGroup).findOneByOrFail({ id })).recruitmentState === 'ended');
    await eventually(
      async () => (await h.dataSource.getRepository(WorkingGroup).findOneByOrFail({ id: later.group.id })).recruitmentState === 'open',
    );
  });
});
