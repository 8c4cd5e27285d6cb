import { ConflictError } from './errors';

/**
 * Creates with a client id, once (issue 14 #1): the one mechanism every create that accepts a client `id` uses.
 *
 * A client that retries (after a timeout, a 503, a double click, two tabs) sends the same `id` again, and may send it
 * while the first request is still running. The answer to every request with that id and the same content is the
 * stored object, as the first got it (the status is the create's own: 201); the same id with other content is 409.
 *
 * - `find` reads what is stored with this id (null when nothing is), seen as the caller may see it.
 * - `matches` says whether the stored object is what this request asks to create (the same content). It may also
 *   refuse an object the caller may not see, so that an id reveals nothing of another's object.
 * - `create` validates and stores; it may fail in any way (a primary key met, another unique index, a check that saw
 *   the other request's row half-way). When it fails and an object with this id is stored by then, another request
 *   with the id won the race: this one answers as a repeat of it. Otherwise its own error stands.
 * - `answer` turns the stored object into the response (the same view the create answers).
 *
 * Work that must still happen for a repeat (starting a workflow that a crash left unstarted) is the caller's, after.
 */
export async function createOnce<S, R>(o: {
  find: () => Promise<S | null>;
  matches: (stored: S) => boolean | Promise<boolean>;
  create: () => Promise<R>;
  answer: (stored: S) => Promise<R>;
  /** The Swedish 409 for the same id with other content, e.g. "En annan tidrapport finns redan med detta id." */
  conflict: string;
}): Promise<R> {
  const repeat = async (stored: S): Promise<R> => {
    if (!(await o.matches(stored))) throw new ConflictError(o.conflict, { id: [o.conflict] });
    return o.answer(stored);
  };
  const stored = await o.find();
  if (stored) return repeat(stored);
  try {
    return await o.create();
  } catch (e) {
    const winner = await o.find().catch(() => null);
    if (!winner) throw e;
    return repeat(winner);
  }
}
