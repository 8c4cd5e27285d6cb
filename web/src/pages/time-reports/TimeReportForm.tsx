import { DurationField, RadioGroup, TextArea, TextField, toMinutes } from '../../components/Form';
import { oreToInput, parseKronor, parseWhole } from '../../format';
import { ACTIVITY_KIND_LABELS, PARTICIPATION_LABELS } from '../../labels';
import type { TimeReportView } from '../../types';

export interface ReportDraft {
  activityDate: string;
  kind: string;
  meetingRef: string;
  participation: string;
  durationHours: string;
  durationMins: string;
  travelHours: string;
  travelMins: string;
  ticketCost: string;
  otherTravelCost: string;
  carKm: string;
  description: string;
}

export const emptyReport = (): ReportDraft => ({
  activityDate: '',
  kind: 'meeting',
  meetingRef: '',
  participation: '',
  durationHours: '',
  durationMins: '',
  travelHours: '',
  travelMins: '',
  ticketCost: '',
  otherTravelCost: '',
  carKm: '',
  description: '',
});

const split = (minutes: number) => ({ h: minutes >= 60 ? String(Math.floor(minutes / 60)) : '', m: minutes % 60 ? String(minutes % 60) : '' });

export function draftFromReport(r: TimeReportView): ReportDraft {
  const d = split(r.reported.durationMinutes);
  const t = split(r.reported.travelMinutes);
  return {
    activityDate: r.activityDate,
    kind: r.kind,
    meetingRef: r.meetingRef,
    participation: r.participation,
    durationHours: d.h,
    durationMins: d.m,
    travelHours: t.h,
    travelMins: t.m,
    ticketCost: r.reported.ticketCostOre ? oreToInput(r.reported.ticketCostOre) : '',
    otherTravelCost: r.reported.otherTravelCostOre ? oreToInput(r.reported.otherTravelCostOre) : '',
    carKm: r.reported.carKm ? String(r.reported.carKm) : '',
    description: r.description ?? '',
  };
}

const num = (v: number) => (Number.isNaN(v) ? null : v);

/** The API body from the draft (NaN → null, so the API answers with the field's own message). */
export function reportBody(d: ReportDraft) {
  const onSite = d.participation === 'on-site';
  return {
    activityDate: d.activityDate,
    kind: d.kind,
    participation: d.participation,
    ...(d.meetingRef.trim() ? { meetingRef: d.meetingRef.trim() } : {}),
    ...(d.description.trim() ? { description: d.description.trim() } : {}),
    durationMinutes: num(toMinutes(d.durationHours, d.durationMins)),
    travelMinutes: onSite ? num(toMinutes(d.travelHours, d.travelMins)) : 0,
    ticketCostOre: onSite && d.ticketCost.trim() ? num(parseKronor(d.ticketCost)) : 0,
    otherTravelCostOre: onSite && d.otherTravelCost.trim() ? num(parseKronor(d.otherTravelCost)) : 0,
    carKm: onSite && d.carKm.trim() ? num(parseWhole(d.carKm)) : 0,
  };
}

/** What a representative reports for one meeting: plain questions, time as hours and minutes, costs in kronor. */
export function TimeReportFields({ draft, update }: { draft: ReportDraft; update: (p: Partial<ReportDraft>) => void }) {
  return (
    <>
      <TextField name="activityDate" label="Vilken dag var mötet?" type="date" width="medium" value={draft.activityDate} onChange={(v) => update({ activityDate: v })} required />
      <RadioGroup
        name="kind"
        label="Vad gällde det?"
        value={draft.kind}
        onChange={(v) => update({ kind: v })}
        options={Object.entries(ACTIVITY_KIND_LABELS).map(([value, label]) => ({
          value,
          label,
          hint: value === 'extra-preparation' ? 'Bara om extra förberedelse står i din överenskommelse.' : undefined,
        }))}
      />
      <TextField
        name="meetingRef"
        label="Vilket möte?"
        hint="Till exempel: Arbetsmöte 3. Behövs om du hade två möten samma dag."
        value={draft.meetingRef}
        onChange={(v) => update({ meetingRef: v })}
        required={false}
      />
      <RadioGroup
        name="participation"
        label="Hur deltog du?"
        value={draft.participation}
        onChange={(v) => update({ participation: v })}
        options={Object.entries(PARTICIPATION_LABELS).map(([value, label]) => ({ value, label }))}
      />
      <DurationField
        name="durationMinutes"
        label="Hur länge varade mötet?"
        hint="Räkna inte med restiden här."
        hours={draft.durationHours}
        minutes={draft.durationMins}
        onChange={(h, m) => update({ durationHours: h, durationMins: m })}
      />
      {draft.participation === 'on-site' && (
        <fieldset className="group-box">
          <legend>Resa till och från mötet</legend>
          <p className="hint">Billiga resor med lite klimatpåverkan är att föredra. Spara kvittona: du laddar upp dem när rapporten är sparad.</p>
          <DurationField
            name="travelMinutes"
            label="Restid, tur och retur"
            hint="Restiden räknas in i mötets längd när arvodet räknas ut."
            hours={draft.travelHours}
            minutes={draft.travelMins}
            onChange={(h, m) => update({ travelHours: h, travelMins: m })}
          />
          <TextField name="ticketCostOre" label="Biljetter (tåg, buss, flyg), kronor" required={false} inputMode="decimal" width="short" value={draft.ticketCost} onChange={(v) => update({ ticketCost: v })} />
          <TextField
            name="otherTravelCostOre"
            label="Andra resekostnader (lokaltrafik, parkering), kronor"
            required={false}
            inputMode="decimal"
            width="short"
            value={draft.otherTravelCost}
            onChange={(v) => update({ otherTravelCost: v })}
          />
          <TextField name="carKm" label="Körde du egen bil? Antal kilometer tur och retur" required={false} inputMode="numeric" width="short" value={draft.carKm} onChange={(v) => update({ carKm: v })} />
        </fieldset>
      )}
      <TextArea name="description" label="Något mer du vill berätta?" rows={3} value={draft.description} onChange={(v) => update({ description: v })} required={false} />
    </>
  );
}
