import { RadioGroup, TextField } from '../../components/Form';
import { PERSPECTIVE_LABELS, REPRESENTATION_HINTS, REPRESENTATION_LABELS } from '../../labels';

export interface NomineeDraft {
  fullName: string;
  email: string;
  phone: string;
  perspective: string;
  representation: string;
}

export const emptyNominee = (representation = ''): NomineeDraft => ({ fullName: '', email: '', phone: '', perspective: '', representation });

export function nomineeBody(d: NomineeDraft) {
  return {
    fullName: d.fullName.trim(),
    email: d.email.trim(),
    ...(d.phone.trim() ? { phone: d.phone.trim() } : {}),
    perspective: d.perspective,
    representation: d.representation,
  };
}

/** Who is nominated, whose perspective they bring and how they represent (§3.3). */
export function NomineeFields({ draft, update, fixedRepresentation }: { draft: NomineeDraft; update: (p: Partial<NomineeDraft>) => void; fixedRepresentation?: boolean }) {
  return (
    <>
      <TextField name="fullName" label="Namn" autoComplete="off" value={draft.fullName} onChange={(v) => update({ fullName: v })} required />
      <TextField name="email" label="E-postadress" type="email" autoComplete="off" value={draft.email} onChange={(v) => update({ email: v })} required />
      <TextField name="phone" label="Telefonnummer" type="tel" width="medium" value={draft.phone} onChange={(v) => update({ phone: v })} required={false} />
      <RadioGroup
        name="perspective"
        label="Är personen patient eller närstående?"
        value={draft.perspective}
        onChange={(v) => update({ perspective: v })}
        options={Object.entries(PERSPECTIVE_LABELS).map(([value, label]) => ({ value, label }))}
      />
      {!fixedRepresentation && (
        <RadioGroup
          name="representation"
          label="Hur företräder personen?"
          value={draft.representation}
          onChange={(v) => update({ representation: v })}
          options={Object.entries(REPRESENTATION_LABELS).map(([value, label]) => ({ value, label, hint: REPRESENTATION_HINTS[value] }))}
        />
      )}
    </>
  );
}
