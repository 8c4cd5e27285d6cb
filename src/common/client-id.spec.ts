import { createOnce } from './client-id';
import { ConflictError, InvalidInputError } from './errors';

/** The one client-id mechanism (issue 14 #1), on an in-memory store that behaves as a table with a primary key. */
describe('createOnce', () => {
  const store = () => {
    const rows = new Map<string, { id: string; text: string }>();
    let inserts = 0;
    const insert = async (id: string, text: string, delayMs = 0) => {
      await new Promise((r) => setTimeout(r, delayMs));
      if (rows.has(id)) throw Object.assign(new Error('duplicate key value violates unique constraint "x_pkey"'), { code: '23505' });
      inserts++;
      rows.set(id, { id, text });
      return { id, text, created: true };
    };
    const create = (id: string, text: string, delayMs = 0) =>
      createOnce({
        find: async () => rows.get(id) ?? null,
        matches: (s) => s.text === text,
        create: () => insert(id, text, delayMs),
        answer: async (s) => ({ ...s, created: false }),
        conflict: 'En annan sak finns redan med detta id.',
      });
    return { rows, create, inserts: () => inserts };
  };

  it('stores once; a repeat with the same content answers the stored object', async () => {
    const s = store();
    expect(await s.create('a', 'x')).toEqual({ id: 'a', text: 'x', created: true });
    expect(await s.create('a', 'x')).toEqual({ id: 'a', text: 'x', created: false });
    expect(s.inserts()).toBe(1);
  });

  it('refuses the same id with other content (409, Swedish)', async () => {
    const s = store();
    await s.create('a', 'x');
    const e = await s.create('a', 'y').catch((err: unknown) => err);
    expect(e).toBeInstanceOf(ConflictError);
    expect((e as ConflictError).message).toBe('En annan sak finns redan med detta id.');
    expect(s.rows.get('a')!.text).toBe('x');
  });

  it('answers eight simultaneous creates with one id as one object: one insert, the losers read the winner', async () => {
    const s = store();
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => s.create('a', 'x', i % 3)));
    expect(answers.every((a) => a.id === 'a' && a.text === 'x')).toBe(true);
    expect(answers.filter((a) => a.created)).toHaveLength(1);
    expect(s.inserts()).toBe(1);
  });

  it('refuses a loser of the race whose content differs, and keeps a create error when nothing was stored', async () => {
    const s = store();
    const [first, second] = await Promise.allSettled([s.create('a', 'x', 5), s.create('a', 'y', 10)]);
    expect(first.status).toBe('fulfilled');
    expect(second.status === 'rejected' && second.reason).toBeInstanceOf(ConflictError);
    const refused = await createOnce({
      find: async () => null,
      matches: () => true,
      create: async () => {
        throw new InvalidInputError('Ange namnet.');
      },
      answer: async () => 'never',
      conflict: '…',
    }).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(InvalidInputError);
  });
});
