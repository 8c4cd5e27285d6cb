import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * A form's draft kept in sessionStorage, so a reload (or a lost connection) loses nothing. Cleared after a
 * successful send and at logout; sessionStorage never outlives the browser tab.
 */
export function useDraft<T extends object>(key: string, initial: () => T): [T, (patch: Partial<T>) => void, () => void] {
  const storageKey = `medverkan.utkast.${key}`;
  const [value, setValue] = useState<T>(() => {
    const saved = sessionStorage.getItem(storageKey);
    if (saved) {
      try {
        return { ...initial(), ...(JSON.parse(saved) as Partial<T>) };
      } catch {
        // a broken draft is dropped
      }
    }
    return initial();
  });
  const update = useCallback(
    (patch: Partial<T>) =>
      setValue((v) => {
        const next = { ...v, ...patch };
        sessionStorage.setItem(storageKey, JSON.stringify(next));
        return next;
      }),
    [storageKey],
  );
  const clear = useCallback(() => sessionStorage.removeItem(storageKey), [storageKey]);
  return [value, update, clear];
}

export type Loaded<T> = { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ok'; data: T };

/** Loads data for a page; `reload` fetches again (after an action). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): [Loaded<T>, () => Promise<void>] {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const loader = useRef(load);
  loader.current = load;
  const reload = useCallback(async () => {
    try {
      setState({ status: 'ok', data: await loader.current() });
    } catch (error) {
      setState({ status: 'error', error });
    }
  }, []);
  useEffect(() => {
    setState({ status: 'loading' });
    void reload();
  }, deps);
  return [state, reload];
}
