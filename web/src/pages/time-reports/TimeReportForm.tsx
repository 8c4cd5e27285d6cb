import { useEffect, useState } from 'react';
import { api } from '../../api';
import { DurationField, RadioGroup, TextArea, TextField, toMinutes } from '../../components/Form';
import { formatOre, oreToInput, parseKronor, parseWhole } from '../../format';
import { FEE_RULE_HINTS, FEE_RULE_LABELS, label, PARTICIPATION_LABELS } from '../../labels';
import type { ActivityView, TimeReportView } from '../../types';
import { activitySummary, activityTitle } from '../activities/activityText';

export interface ReportDraft {
  /** The activity reported against (the group's, or the agreement's own). */
  activityId: string;
  /** Only for the agreement's own activity (which has no date of its own) and for reports made before activities. */
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
  activityId: '',
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
    activityId: r.activityId ?? r.activity?.id ?? '',
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

/** The person's own figures, the same for every kind of report (NaN → null, so the API answers with the field's own message). */
function ownFigures(d: ReportDraft) {
  const onSite = d.participation === 'on-site';
  return {
    participation: d.participation,
    ...(d.description.trim() ? { description: d.description.trim() } : {}),
    durationMinutes: num(toMinutes(d.durationHours, d.durationMins)),
    travelMinutes: onSite ? num(toMinutes(d.travelHours, d.travelMins)) : 0,
    ticketCostOre: onSite && d.ticketCost.trim() ? num(parseKronor(d.ticketCost)) : 0,
    otherTravelCostOre: onSite && d.otherTravelCost.trim() ? num(parseKronor(d.otherTravelCost)) : 0,
    carKm: onSite && d.carKm.trim() ? num(parseWhole(d.carKm)) : 0,
  };
}

/**
 * The API body from the draft. With an activity, its kind and date come from the activity: the body carries the
 * activity and what the person did (a date only for the agreement's own activity, which is reported per day).
 * Without one (an edit of a report made before activities existed that has none) its day and the figures.
 */
export function reportBody(d: ReportDraft, activity?: Pick<ActivityView, 'agreementActivity'> | null, opts: { withActivityId?: boolean } = {}) {
  if (activity)
    return {
      ...(opts.withActivityId !== false ? { activityId: d.activityId } : {}),
      ...(activity.agreementActivity ? { activityDate: d.activityDate } : {}),
      ...ownFigures(d),
    };
  // A report without an activity (a person's second report of one meeting from before activities): the API takes no
  // free-text kind or meeting any more, only the day and the figures.
  return {
    activityDate: d.activityDate,
    ...ownFigures(d),
  };
}

/** The activity picked, as facts: what, when, how and how long. */
export function ActivityFacts({ activity: a }: { activity: ActivityView }) {
  return (
    <dl className="facts">
      <div>
        <dt>Aktivitet</dt>
        <dd>{activityTitle(a)}</dd>
      </div>
      <div>
        <dt>Slag, sätt och längd</dt>
        <dd>{activitySummary(a)}</dd>
      </div>
      {a.kind !== 'open-information-meeting' && (
        <div>
          <dt>Arvode</dt>
          <dd>
            {label(FEE_RULE_LABELS, a.feeRule)}. {FEE_RULE_HINTS[a.feeRule] ?? ''}
          </dd>
        </div>
      )}
    </dl>
  );
}

/** The picker: one of the activities the person can report against (never a free-text meeting). */
export function ActivityChoice({ activities, draft, update }: { activities: ActivityView[]; draft: ReportDraft; update: (p: Partial<ReportDraft>) => void }) {
  return (
    <RadioGroup
      name="activityId"
      label="Vilken aktivitet rapporterar du?"
      hint="Du rapporterar mot ett möte eller annat arbete som gruppen har kallat dig till."
      value={draft.activityId}
      onChange={(v) => {
        const a = activities.find((x) => x.id === v);
        // The activity's own way and length as a start; the person changes them to what they did.
        update({
          activityId: v,
          ...(a?.mode && !draft.participation ? { participation: a.mode } : {}),
          ...(a?.durationMinutes && !a.agreementActivity && !draft.durationHours.trim() && !draft.durationMins.trim()
            ? { durationHours: split(a.durationMinutes).h, durationMins: split(a.durationMinutes).m }
            : {}),
        });
      }}
      options={activities.map((a) => ({
        value: a.id,
        label: activityTitle(a),
        hint: a.agreementActivity ? 'Arbete som din överenskommelse tillåter utanför möten. Rapportera en dag i taget.' : activitySummary(a),
      }))}
    />
  );
}

/** What a representative reports for one meeting: plain questions, time as hours and minutes, costs in kronor. */
export function TimeReportFields({
  draft,
  update,
  activity,
}: {
  draft: ReportDraft;
  update: (p: Partial<ReportDraft>) => void;
  /** The activity reported against; without one (a report made before activities) the old free fields. */
  activity?: Pick<ActivityView, 'agreementActivity'> | null;
}) {
  return (
    <>
      {activity ? (
        activity.agreementActivity && (
          <TextField name="activityDate" label="Vilken dag arbetade du?" type="date" width="medium" value={draft.activityDate} onChange={(v) => update({ activityDate: v })} required />
        )
      ) : (
        <LegacyFields draft={draft} update={update} />
      )}
      <RadioGroup
        name="participation"
        label="Hur deltog du?"
        value={draft.participation}
        onChange={(v) => update({ participation: v })}
        options={Object.entries(PARTICIPATION_LABELS).map(([value, label]) => ({ value, label }))}
      />
      <DurationField
        name="durationMinutes"
        label={activity ? 'Hur länge deltog du?' : 'Hur länge varade mötet?'}
        hint="Din egen tid. Räkna inte med restiden här."
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

/** A report made before activities existed that has none: its own date (its kind and meeting are fixed). */
function LegacyFields({ draft, update }: { draft: ReportDraft; update: (p: Partial<ReportDraft>) => void }) {
  return <TextField name="activityDate" label="Vilken dag var mötet?" type="date" width="medium" value={draft.activityDate} onChange={(v) => update({ activityDate: v })} required />;
}

interface FeePreviewAnswer {
  feeOre: number;
  travelOre: number;
  feeRule: string | null;
  rateTable: string | null;
  payerCode: string;
}

/**
 * What the report would be paid (issue 17 #7): `POST /assignments/:id/fee-preview`, the payout run's own
 * calculation for this activity and the figures typed so far, asked again a moment after each change.
 */
export function FeePreview({ assignmentId, activity, draft }: { assignmentId: string; activity: ActivityView; draft: ReportDraft }) {
  const f = ownFigures(draft);
  const ready = f.durationMinutes !== null && f.durationMinutes > 0 && [f.travelMinutes, f.ticketCostOre, f.otherTravelCostOre, f.carKm].every((v) => v !== null);
  const body = ready
    ? {
        activityId: activity.id,
        ...(activity.agreementActivity && draft.activityDate ? { activityDate: draft.activityDate } : {}),
        durationMinutes: f.durationMinutes,
        travelMinutes: f.travelMinutes,
        ticketCostOre: f.ticketCostOre,
        otherTravelCostOre: f.otherTravelCostOre,
        carKm: f.carKm,
      }
    : null;
  const key = body ? JSON.stringify(body) : '';
  const [answer, setAnswer] = useState<{ key: string; preview?: FeePreviewAnswer; failed?: boolean } | null>(null);
  useEffect(() => {
    if (!key) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      api.post<FeePreviewAnswer>(`/assignments/${encodeURIComponent(assignmentId)}/fee-preview`, JSON.parse(key)).then(
        (preview) => !cancelled && setAnswer({ key, preview }),
        () => !cancelled && setAnswer({ key, failed: true }),
      );
    }, 400);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [assignmentId, key]);
  const current = answer && answer.key === key ? answer : null;
  return (
    <div className="info-box" aria-live="polite">
      <p>
        <strong>Det här betalas ut för rapporten</strong>
      </p>
      {!ready && <p>Fyll i hur länge du deltog, så visas arvodet här.</p>}
      {ready && !current && <p>Räknar ut …</p>}
      {current?.failed && <p>Beloppet kan inte räknas ut just nu. Det räknas ut när rapporten är attesterad.</p>}
      {current?.preview && (
        <p>
          Arvode {formatOre(current.preview.feeOre)} och reseersättning {formatOre(current.preview.travelOre)}, före skatt. Biljetter och andra kostnader
          ersätts mot kvitto. Skatt dras vid utbetalningen.
        </p>
      )}
    </div>
  );
}
