import { createContext, useContext, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, type FieldErrors } from '../api';
import { announceError, messageOf } from './Feedback';

export const fieldId = (name: string) => `falt-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

interface FormState {
  fields: FieldErrors;
  sending: boolean;
  /** Makes field ids unique when a page has several forms with the same fields. */
  idPrefix: string;
}
const FormContext = createContext<FormState>({ fields: {}, sending: false, idPrefix: '' });

/**
 * A form that sends once at a time: the submit button is disabled while sending, every one of the API's field
 * messages is shown next to its field (tied to it with aria-describedby) and listed in a summary at the top (an
 * alert, with links to the fields), focus moves to the first field to correct, and nothing the user typed is
 * cleared when it fails. No time limit.
 */
export function Form({
  onSubmit,
  submitLabel,
  sendingLabel = 'Skickar …',
  children,
  label,
  secondary,
  idPrefix = '',
}: {
  idPrefix?: string;
  onSubmit: () => Promise<void>;
  submitLabel: string;
  sendingLabel?: string;
  children: ReactNode;
  label?: string;
  secondary?: ReactNode;
}) {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (inFlight.current) return;
    inFlight.current = true;
    setSending(true);
    setError(null);
    try {
      await onSubmit();
    } catch (err) {
      setError(err ?? new Error('okänt fel'));
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  }

  const fields = error instanceof ApiError ? error.fields : {};
  return (
    <FormContext.Provider value={{ fields, sending, idPrefix }}>
      <form onSubmit={submit} noValidate aria-label={label} aria-busy={sending}>
        {error ? <ErrorSummary error={error} fields={fields} idPrefix={idPrefix} /> : null}
        {children}
        <div className="actions">
          <button type="submit" className="button" disabled={sending} aria-disabled={sending}>
            {sending ? sendingLabel : submitLabel}
          </button>
          {secondary}
        </div>
        {sending && (
          <p className="sending" role="status">
            {sendingLabel}
          </p>
        )}
      </form>
    </FormContext.Provider>
  );
}

function ErrorSummary({ error, fields, idPrefix }: { error: unknown; fields: FieldErrors; idPrefix: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    announceError();
    // Every message is shown at once, next to its field and in this summary (role=alert, so it is read out); focus
    // goes to the first field that needs correcting, in the form's order, or to the summary when no field does.
    const first = ref.current?.closest('form')?.querySelector<HTMLElement>('.field-error');
    const control = first && (first.matches('input, select, textarea') ? first : first.querySelector<HTMLElement>('input, select, textarea'));
    (control ?? first ?? ref.current)?.focus();
  }, [error]);
  const entries = Object.entries(fields);
  return (
    <div className="error-box" role="alert" tabIndex={-1} ref={ref} aria-labelledby={titleId}>
      <p className="error-title" id={titleId}>
        {entries.length ? 'Något behöver rättas' : 'Det gick inte'}
      </p>
      <p>{messageOf(error)}</p>
      {entries.length > 0 && (
        <ul>
          {entries.map(([name, messages]) => (
            <li key={name}>
              <a href={`#${fieldId(idPrefix + name)}`}>{messages.join(' ')}</a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Messages for a field from the last answer. */
export function useFieldErrors(name: string): string[] {
  return useContext(FormContext).fields[name] ?? [];
}

interface FieldProps {
  name: string;
  label: string;
  hint?: ReactNode;
  /** Errors found in the page before sending, shown like the API's. */
  errors?: string[];
  required?: boolean;
}

function useFieldWiring({ name, hint, errors }: FieldProps) {
  const apiErrors = useFieldErrors(name);
  const all = [...(errors ?? []), ...apiErrors];
  const id = fieldId(useContext(FormContext).idPrefix + name);
  const describedBy = [hint ? `${id}-hjalp` : '', all.length ? `${id}-fel` : ''].filter(Boolean).join(' ') || undefined;
  return { id, all, describedBy };
}

function FieldFrame({ id, label, hint, errors, required, children }: { id: string; label: string; hint?: ReactNode; errors: string[]; required?: boolean; children: ReactNode }) {
  return (
    <div className={`field${errors.length ? ' field-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required === false && <span className="optional"> (frivilligt)</span>}
      </label>
      <FieldHint id={id} hint={hint} />
      <FieldMessage id={id} errors={errors} />
      {children}
    </div>
  );
}

/** A field's hint, referred to by its control's aria-describedby (`<id>-hjalp`). */
function FieldHint({ id, hint, className = 'hint' }: { id: string; hint?: ReactNode; className?: string }) {
  if (!hint) return null;
  return (
    <div className={className} id={`${id}-hjalp`}>
      {hint}
    </div>
  );
}

/** A field's messages, announced with the field (`<id>-fel`), marked as an error for screen readers too. */
function FieldMessage({ id, errors }: { id: string; errors: string[] }) {
  if (!errors.length) return null;
  return (
    <p className="field-message" id={`${id}-fel`}>
      <span className="visually-hidden">Fel: </span>
      {errors.join(' ')}
    </p>
  );
}

/** A question answered by several controls: a fieldset whose legend is the question, with its hint and messages. */
function FieldsetFrame({ id, label, hint, errors, describedBy, children }: { id: string; label: string; hint?: ReactNode; errors: string[]; describedBy?: string; children: ReactNode }) {
  return (
    <fieldset className={`field${errors.length ? ' field-error' : ''}`} id={id} aria-describedby={describedBy} tabIndex={-1}>
      <legend>{label}</legend>
      <FieldHint id={id} hint={hint} />
      <FieldMessage id={id} errors={errors} />
      {children}
    </fieldset>
  );
}

/** Radio buttons or checkboxes, one per option, each with its label and hint. */
function Choices({
  id,
  name,
  type,
  options,
  isChecked,
  onToggle,
}: {
  id: string;
  name: string;
  type: 'radio' | 'checkbox';
  options: { value: string; label: string; hint?: string }[];
  isChecked: (value: string) => boolean;
  onToggle: (value: string, on: boolean) => void;
}) {
  return (
    <>
      {options.map((o) => {
        const oid = `${id}-${o.value.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
        return (
          <div className="choice" key={o.value}>
            <input type={type} id={oid} name={name} value={o.value} checked={isChecked(o.value)} onChange={(e) => onToggle(o.value, e.target.checked)} aria-describedby={o.hint ? `${oid}-hjalp` : undefined} />
            <label htmlFor={oid}>{o.label}</label>
            <FieldHint id={oid} hint={o.hint} className="hint choice-hint" />
          </div>
        );
      })}
    </>
  );
}

export function TextField(
  props: FieldProps & {
    value: string;
    onChange: (v: string) => void;
    type?: 'text' | 'email' | 'password' | 'date' | 'time' | 'number' | 'tel';
    autoComplete?: string;
    inputMode?: 'numeric' | 'decimal' | 'text';
    width?: 'short' | 'medium' | 'long';
  },
) {
  const { id, all, describedBy } = useFieldWiring(props);
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} errors={all} required={props.required}>
      <input
        id={id}
        name={props.name}
        className={`input input-${props.width ?? 'long'}`}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        aria-describedby={describedBy}
        aria-invalid={all.length ? true : undefined}
        aria-required={props.required || undefined}
      />
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & { value: string; onChange: (v: string) => void; rows?: number }) {
  const { id, all, describedBy } = useFieldWiring(props);
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} errors={all} required={props.required}>
      <textarea
        id={id}
        name={props.name}
        className="input input-long"
        rows={props.rows ?? 6}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-describedby={describedBy}
        aria-invalid={all.length ? true : undefined}
        aria-required={props.required || undefined}
      />
    </FieldFrame>
  );
}

export function SelectField(
  props: FieldProps & { value: string; onChange: (v: string) => void; options: { value: string; label: string }[]; placeholder?: string },
) {
  const { id, all, describedBy } = useFieldWiring(props);
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} errors={all} required={props.required}>
      <select
        id={id}
        name={props.name}
        className="input input-medium"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        aria-describedby={describedBy}
        aria-invalid={all.length ? true : undefined}
        aria-required={props.required || undefined}
      >
        {props.placeholder !== undefined && <option value="">{props.placeholder}</option>}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** Radio buttons in a fieldset whose legend is the question. */
export function RadioGroup(
  props: FieldProps & { value: string; onChange: (v: string) => void; options: { value: string; label: string; hint?: string }[] },
) {
  const { id, all, describedBy } = useFieldWiring(props);
  return (
    <FieldsetFrame id={id} label={props.label} hint={props.hint} errors={all} describedBy={describedBy}>
      <Choices id={id} name={props.name} type="radio" options={props.options} isChecked={(v) => props.value === v} onToggle={(v) => props.onChange(v)} />
    </FieldsetFrame>
  );
}

export function Checkbox(props: FieldProps & { checked: boolean; onChange: (v: boolean) => void }) {
  const { id, all, describedBy } = useFieldWiring(props);
  return (
    <div className={`field choice${all.length ? ' field-error' : ''}`}>
      <FieldMessage id={id} errors={all} />
      <input type="checkbox" id={id} name={props.name} checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} aria-describedby={describedBy} aria-invalid={all.length ? true : undefined} />
      <label htmlFor={id}>{props.label}</label>
      <FieldHint id={id} hint={props.hint} className="hint choice-hint" />
    </div>
  );
}

type Checks = Record<string, string | false | null | undefined>;
const MISSING = 'Uppgifter saknas eller är fel. Rätta fälten som är markerade och skicka igen.';

function failedChecks(checks: Checks): FieldErrors {
  const fields: FieldErrors = {};
  for (const [name, message] of Object.entries(checks)) if (message) fields[name] = [message];
  return fields;
}

/**
 * Checks made in the page before sending (a required field left empty): throws like a 400 from the API, so the
 * messages are shown the same way, next to the fields and in the summary. For a form with nothing else to check;
 * a form whose other fields the API checks uses sendChecked, so that the API's messages come in the same send.
 */
export function requireFields(checks: Checks): void {
  const fields = failedChecks(checks);
  if (Object.keys(fields).length) throw new ApiError(400, MISSING, fields);
}

/**
 * A body field no endpoint knows. The API's validation pipe refuses unknown fields (forbidNonWhitelisted) in the
 * same answer as every other bad field and before any handler runs, so a body carrying it is checked and never
 * saved (src/common/validation.spec.ts; the OpenAPI document says additionalProperties: false for every body and the
 * fuzzer holds the API to it).
 */
export const CHECK_ONLY_FIELD = 'endastKontroll';

/**
 * Every error of a form in one send (issue 17 #8): when the page's own checks pass, `send({})` sends the form. When
 * they do not, `send({ endastKontroll: true })` asks the API to check the same body without saving it, and the
 * page's messages and the API's messages for the other fields are thrown together (the page's first where both
 * speak of one field). `send` must spread its argument into a JSON body.
 */
export async function sendChecked<T>(checks: Checks, send: (extra: Record<string, unknown>) => Promise<T>): Promise<T> {
  const local = failedChecks(checks);
  if (!Object.keys(local).length) return send({});
  const fields: FieldErrors = { ...local };
  try {
    await send({ [CHECK_ONLY_FIELD]: true });
  } catch (err) {
    if (err instanceof ApiError && err.status === 400)
      for (const [name, messages] of Object.entries(err.fields)) if (name !== CHECK_ONLY_FIELD && !fields[name]) fields[name] = messages;
  }
  throw new ApiError(400, MISSING, fields);
}

/** Several checkboxes answering one question (a fieldset whose legend is the question). */
export function CheckboxGroup(
  props: FieldProps & { values: string[]; onChange: (v: string[]) => void; options: { value: string; label: string; hint?: string }[] },
) {
  const { id, all, describedBy } = useFieldWiring(props);
  const toggle = (v: string, on: boolean) => props.onChange(on ? [...props.values.filter((x) => x !== v), v] : props.values.filter((x) => x !== v));
  return (
    <FieldsetFrame id={id} label={props.label} hint={props.hint} errors={all} describedBy={describedBy}>
      <Choices id={id} name={props.name} type="checkbox" options={props.options} isChecked={(v) => props.values.includes(v)} onToggle={toggle} />
    </FieldsetFrame>
  );
}

/** A length of time as hours and minutes (two fields), sent as minutes; `value` is the total in minutes as text. */
export function DurationField(props: FieldProps & { hours: string; minutes: string; onChange: (hours: string, minutes: string) => void }) {
  const { id, all, describedBy } = useFieldWiring(props);
  return (
    <FieldsetFrame id={id} label={props.label} hint={props.hint} errors={all} describedBy={describedBy}>
      <div className="inline-fields">
        <div>
          <label htmlFor={`${id}-timmar`}>Timmar</label>
          <input id={`${id}-timmar`} className="input input-short" inputMode="numeric" value={props.hours} onChange={(e) => props.onChange(e.target.value, props.minutes)} aria-invalid={all.length ? true : undefined} />
        </div>
        <div>
          <label htmlFor={`${id}-minuter`}>Minuter</label>
          <input id={`${id}-minuter`} className="input input-short" inputMode="numeric" value={props.minutes} onChange={(e) => props.onChange(props.hours, e.target.value)} aria-invalid={all.length ? true : undefined} />
        </div>
      </div>
    </FieldsetFrame>
  );
}

/** Hours and minutes as typed → minutes; NaN when either is not a whole number. Empty counts as 0. */
export function toMinutes(hours: string, minutes: string): number {
  const h = hours.trim() === '' ? 0 : /^\d+$/.test(hours.trim()) ? Number(hours.trim()) : Number.NaN;
  const m = minutes.trim() === '' ? 0 : /^\d+$/.test(minutes.trim()) ? Number(minutes.trim()) : Number.NaN;
  return h * 60 + m;
}

/** A file to upload, with its messages next to it like every other field. */
export function FileField(props: FieldProps & { inputRef: React.RefObject<HTMLInputElement | null>; accept?: string }) {
  const { id, all, describedBy } = useFieldWiring(props);
  const [chosen, setChosen] = useState('');
  return (
    <FieldFrame id={id} label={props.label} hint={props.hint} errors={all} required={props.required}>
      <input
        id={id}
        name={props.name}
        type="file"
        className="file-input"
        accept={props.accept}
        ref={props.inputRef}
        aria-describedby={describedBy}
        aria-invalid={all.length ? true : undefined}
        onChange={(e) => setChosen(e.target.files?.[0]?.name ?? '')}
      />
      {chosen && <p className="small">Vald fil: {chosen}</p>}
    </FieldFrame>
  );
}
