import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api';

/**
 * A confirmation after an action. Announced by screen readers (role=status); after an action on the same page it
 * takes focus, so it is also scrolled into view (a confirmation that arrives with a new page leaves focus to the
 * page's heading).
 */
export function Confirmation({ children, focus = true }: { children: ReactNode; focus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  const [outdated, setOutdated] = useState(false);
  // Once, when shown: give each new message its own `key` so that it is shown (and focused) anew.
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  // An error shown after it makes it old news: "Klart" next to "Det gick inte" would contradict it (issue 17 #8).
  // So does a newer confirmation: one "Klart" at a time, the latest.
  useEffect(() => {
    const hide = () => setOutdated(true);
    const newer = (e: Event) => {
      if ((e as CustomEvent<HTMLElement | null>).detail !== ref.current) setOutdated(true);
    };
    window.dispatchEvent(new CustomEvent(CONFIRMATION_SHOWN_EVENT, { detail: ref.current }));
    window.addEventListener(ERROR_SHOWN_EVENT, hide);
    window.addEventListener(CONFIRMATION_SHOWN_EVENT, newer);
    return () => {
      window.removeEventListener(ERROR_SHOWN_EVENT, hide);
      window.removeEventListener(CONFIRMATION_SHOWN_EVENT, newer);
    };
  }, []);
  if (outdated) return null;
  return (
    <div className="confirmation" role="status" tabIndex={-1} ref={ref}>
      <p className="confirmation-title">Klart</p>
      <div>{children}</div>
    </div>
  );
}

/** Fired when a confirmation is shown (its element as the detail): earlier confirmations then go away. */
const CONFIRMATION_SHOWN_EVENT = 'medverkan:klart-visas';

/** Fired when an error is shown (a form's error summary, an error message): earlier confirmations then go away. */
export const ERROR_SHOWN_EVENT = 'medverkan:fel-visas';

/** Says that an error is now shown, so that confirmations from before it disappear. */
export function announceError(): void {
  window.dispatchEvent(new Event(ERROR_SHOWN_EVENT));
}

/** Something is being done (loading, generating a document, computing a payout run). */
export function Working({ children }: { children: ReactNode }) {
  return (
    <div className="working" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{children}</span>
    </div>
  );
}

/** An error that is not about one field: the API's own Swedish message. */
export function ErrorMessage({ error, title = 'Det gick inte' }: { error: unknown; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!error) return;
    announceError();
    ref.current?.focus();
  }, [error]);
  if (!error) return null;
  return (
    <div className="error-box" role="alert" tabIndex={-1} ref={ref}>
      <p className="error-title">{title}</p>
      <p>{messageOf(error)}</p>
    </div>
  );
}

export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return 'Något gick fel. Försök igen om en stund.';
}

/** "What happens next, and by when": on every page that has a next step. */
export function NextStep({ children, title = 'Vad händer sedan?' }: { children: ReactNode; title?: string }) {
  return (
    <section className="next-step" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}
