import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../api';
import { hasRole, useUser } from '../auth';
import { Deadline } from '../components/Deadline';
import { Confirmation, ErrorMessage, NextStep, Working } from '../components/Feedback';
import { ConfirmAction } from '../components/ConfirmAction';
import { Page } from '../components/Page';
import { formatDate } from '../format';
import { useLoad } from '../hooks';
import { GROUP_KIND_LABELS, label, REGION_LABELS } from '../labels';
import type { WorkingGroupView } from '../types';
import { ActivitiesSection } from './activities/ActivitiesSection';
import { MaterialSection } from './material/MaterialSection';
import { StaffingBadge } from './GroupsPage';
import { RecruitmentSection } from './recruitment/RecruitmentSection';

/** One group: its commission, staffing against the at-least-two rule and where recruitment stands. */
export function GroupPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const [confirmation, setConfirmation] = useState('');
  const [view, reload] = useLoad(() => api.get<WorkingGroupView>(`/working-groups/${encodeURIComponent(id)}`), [id]);

  if (view.status === 'loading')
    return (
      <Page title="Arbetsgrupp">
        <Working>Hämtar gruppen …</Working>
      </Page>
    );
  if (view.status === 'error')
    return (
      <Page title="Arbetsgrupp">
        <ErrorMessage error={view.error} title="Gruppen kunde inte visas" />
      </Page>
    );
  const { group, recruitment } = view.data;
  const status = recruitment.status;
  const active = status?.activeRepresentatives;
  const min = status?.minRepresentatives ?? group.minRepresentatives;
  const missing = active === undefined ? undefined : Math.max(0, min - active);
  return (
    <Page title={group.name}>
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}

      <section aria-labelledby="bemanning">
        <h2 id="bemanning">Bemanning</h2>
        <p>
          <StaffingBadge state={status?.state ?? group.recruitmentState} />
        </p>
        {active !== undefined ? (
          <p className="big-number">
            {active} av minst {min} patient- och närståendeföreträdare har ett aktivt uppdrag.
          </p>
        ) : (
          <p>
            Gruppen ska ha minst {min} patient- och närståendeföreträdare. Det aktuella antalet kan inte visas just nu; ladda om sidan om en stund.
          </p>
        )}
        {group.belowMinimumSince && (
          <p>
            <strong>Under minimum sedan {formatDate(group.belowMinimumSince)}.</strong> En brådskande nomineringsomgång har startat.
          </p>
        )}
      </section>

      <NextStep>
        {!recruitment.running && group.recruitmentState === 'ended' && <p>Gruppen är avslutad. Inget mer behöver göras.</p>}
        {recruitment.running && missing !== undefined && missing > 0 && (
          <p>
            Det saknas {missing} {missing === 1 ? 'företrädare' : 'företrädare'}. Rekryteringen pågår tills gruppen har minst {min}.{' '}
            {status?.urgent ? 'Gruppen har redan börjat arbeta, så företrädarna ska rekryteras så snart som möjligt.' : 'Rekrytera företrädarna samtidigt som gruppens övriga ledamöter.'}
          </p>
        )}
        {recruitment.running && (status?.pendingNominations?.length ?? 0) > 0 && (
          <p>
            {status!.pendingNominations!.length} {status!.pendingNominations!.length === 1 ? 'nominerad väntar' : 'nominerade väntar'} på ditt beslut: utse eller
            avböj nedan.
          </p>
        )}
        {recruitment.running && status?.roundOpen && status.roundDeadline && (
          <p>
            Organisationerna har fått förfrågningar och ska svara <Deadline date={status.roundDeadline} />.
          </p>
        )}
        {recruitment.running && missing === 0 && <p>Gruppen har tillräckligt många företrädare. Om någon slutar och gruppen får färre än {min} startar rekryteringen igen.</p>}
        {!recruitment.running && group.recruitmentState !== 'ended' && <p>Rekryteringen är inte igång. Kontakta en administratör.</p>}
      </NextStep>

      {hasRole(user, 'coordinator', 'admin') && recruitment.running && <RecruitmentSection groupId={group.id} status={status} onChanged={reload} />}

      {hasRole(user, 'coordinator', 'admin') && <ActivitiesSection groupId={group.id} canCreate={group.recruitmentState !== 'ended'} />}

      {hasRole(user, 'coordinator', 'admin') && <MaterialSection groupId={group.id} />}

      {hasRole(user, 'coordinator', 'admin') && (
        <section aria-labelledby="inspel-och-utvardering">
          <h2 id="inspel-och-utvardering">Inspel och utvärdering</h2>
          <p>
            <Link to={`/grupper/${group.id}/inspel`}>Skriv in vad företrädarna tog upp och vad det blev av det, och se årets utvärdering</Link>
          </p>
        </section>
      )}

      {hasRole(user, 'coordinator') && (
        <section aria-labelledby="tidrapporter">
          <h2 id="tidrapporter">Tidrapporter</h2>
          <p>
            <Link to={`/grupper/${group.id}/attestera`}>Attestera gruppens tidrapporter</Link>
          </p>
        </section>
      )}

      {hasRole(user, 'coordinator', 'admin') && (
        <section aria-labelledby="arlig-oversyn">
          <h2 id="arlig-oversyn">Årlig översyn</h2>
          <p>
            <Link to={`/grupper/${group.id}/oversyn`}>Se gruppens årliga översyn: bemanning, aktiviteter, deltagande och beslut</Link>
          </p>
        </section>
      )}

      {hasRole(user, 'coordinator') && (
        <section aria-labelledby="budget">
          <h2 id="budget">Budget</h2>
          <p>
            <Link to={`/grupper/${group.id}/budget`}>Planera årets budget och jämför med utfallet</Link>
          </p>
        </section>
      )}

      <section aria-labelledby="om-gruppen">
        <h2 id="om-gruppen">Om gruppen</h2>
        <dl className="facts">
          <div>
            <dt>Typ</dt>
            <dd>{GROUP_KIND_LABELS[group.kind] ?? group.kind}</dd>
          </div>
          {group.hostRegion && (
            <div>
              <dt>Värdregion</dt>
              <dd>{label(REGION_LABELS, group.hostRegion)}</dd>
            </div>
          )}
          <div>
            <dt>Tid</dt>
            <dd>{group.standing ? 'Stående grupp' : `Tidsbegränsad, till och med ${formatDate(group.endsOn)}`}</dd>
          </div>
          {group.workStartedOn && (
            <div>
              <dt>Började arbeta</dt>
              <dd>{formatDate(group.workStartedOn)}</dd>
            </div>
          )}
        </dl>
      </section>

      <section aria-labelledby="uppdrag">
        <h2 id="uppdrag">Uppdragsbeskrivning</h2>
        <div className="prose">
          {group.commission.split(/\n{2,}/).map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
      </section>
      {hasRole(user, 'coordinator', 'admin') && group.recruitmentState !== 'ended' && (
        <section aria-labelledby="avsluta-grupp">
          <h2 id="avsluta-grupp">Avsluta gruppen</h2>
          <p>När gruppens arbete är klart avslutas gruppen och alla dess uppdrag.</p>
          <EndGroup
            groupId={group.id}
            name={group.name}
            onDone={async () => {
              await reload();
              setConfirmation(`${group.name} är avslutad. Rekryteringen är stängd och gruppens uppdrag avslutas.`);
            }}
          />
        </section>
      )}
    </Page>
  );
}

function EndGroup({ groupId, name, onDone }: { groupId: string; name: string; onDone: () => Promise<void> }) {
  return (
    <ConfirmAction
      buttonLabel="Avsluta gruppen"
      title={`Avsluta ${name}?`}
      confirmLabel="Ja, avsluta gruppen"
      sendingLabel="Avslutar gruppen …"
      onConfirm={async () => {
        await api.post(`/working-groups/${groupId}/end`);
        await onDone();
      }}
    >
      <p>När gruppen avslutas stängs rekryteringen och alla uppdrag i gruppen avslutas. Företrädarna får besked. Det går inte att ångra.</p>
    </ConfirmAction>
  );
}
