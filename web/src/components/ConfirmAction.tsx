import { useId, useRef, useState, type ReactNode } from 'react';
import { ErrorMessage } from './Feedback';

/**
 * A destructive action ("Avsluta gruppen", "Nej tack"): a secondary button that opens a modal dialog asking first
 * (the native <dialog> opened with showModal: focus moves into it, the rest of the page is inert, Esc or "Avbryt"
 * closes it and focus returns to the button). The action runs only after the dialog's own button, and a refusal is
 * shown in the dialog. Not window.confirm: that cannot be styled, named or read out as the rest of the page.
 */
export function ConfirmAction({
  buttonLabel,
  title,
  confirmLabel,
  sendingLabel = 'Skickar …',
  children,
  onConfirm,
}: {
  buttonLabel: string;
  title: string;
  confirmLabel: string;
  sendingLabel?: string;
  children: ReactNode;
  onConfirm: () => Promise<void>;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const confirmed = useRef(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const titleId = useId();

  async function confirm() {
    if (sending) return;
    setSending(true);
    setError(null);
    try {
      await onConfirm();
      confirmed.current = true;
      dialog.current?.close();
    } catch (e) {
      setError(e ?? new Error('okänt fel'));
    } finally {
      setSending(false);
    }
  }

  return (
    <>
      <button
        type="button"
        className="button button-secondary"
        ref={opener}
        aria-haspopup="dialog"
        onClick={() => {
          setError(null);
          confirmed.current = false;
          dialog.current?.showModal();
          // The safe choice has focus (showModal would focus the first button, the action).
          cancel.current?.focus();
        }}
      >
        {buttonLabel}
      </button>
      <dialog
        ref={dialog}
        className="confirm-dialog"
        aria-labelledby={titleId}
        // After a cancel focus goes back to the button; after the action the page's confirmation has it.
        onClose={() => {
          if (!confirmed.current) opener.current?.focus();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
        {error ? <ErrorMessage error={error} /> : null}
        <div className="actions">
          <button type="button" className="button button-danger" onClick={() => void confirm()} disabled={sending} aria-disabled={sending}>
            {sending ? sendingLabel : confirmLabel}
          </button>
          <button type="button" className="button button-secondary" ref={cancel} onClick={() => dialog.current?.close()}>
            Avbryt
          </button>
        </div>
      </dialog>
    </>
  );
}
