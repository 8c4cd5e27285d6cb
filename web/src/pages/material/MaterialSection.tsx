import { useState } from 'react';
import { api } from '../../api';
import { Confirmation, ErrorMessage, Working } from '../../components/Feedback';
import { Form, TextField } from '../../components/Form';
import { formatDate, todayInStockholm } from '../../format';
import { useLoad } from '../../hooks';
import { label, MATERIAL_STATUS_LABELS } from '../../labels';
import type { MaterialTimeliness } from '../../types';

/**
 * The group page's "Underlag i tid" (issue 19 #3, coordinators): the group's notice policy (days before a meeting
 * the material is due, so organisations can anchor their position) and this year's meetings against it, the
 * flagged ones marked. The send date is recorded on the activity.
 */
export function MaterialSection({ groupId }: { groupId: string }) {
  const year = Number(todayInStockholm().slice(0, 4));
  const g = encodeURIComponent(groupId);
  const [material, reload] = useLoad(() => api.get<MaterialTimeliness>(`/working-groups/${g}/material?year=${year}`), [groupId]);
  const [days, setDays] = useState<string | null>(null);
  const [confirmation, setConfirmation] = useState('');
  return (
    <section aria-labelledby="underlag">
      <h2 id="underlag">Underlag i tid</h2>
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}
      {material.status === 'loading' && <Working>Hämtar mötena …</Working>}
      {material.status === 'error' && <ErrorMessage error={material.error} title="Underlagen kunde inte hämtas" />}
      {material.status === 'ok' && (
        <>
          <p>
            Underlaget ska skickas senast <strong>{material.data.noticeDays} dagar</strong> före mötet, så att organisationerna hinner förankra sina synpunkter.
            {material.data.flaggedCount > 0 ? ` ${material.data.flaggedCount} av årets möten har inte fått underlaget i tid.` : ' Alla årets möten har fått underlaget i tid hittills.'}
          </p>
          {material.data.meetings.length > 0 && (
            <div className="table-wrap" role="region" aria-labelledby="underlagstabell" tabIndex={0}>
              <table>
                <caption id="underlagstabell">Årets möten ({year}) och underlaget</caption>
                <thead>
                  <tr>
                    <th scope="col">Möte</th>
                    <th scope="col">Sista dag</th>
                    <th scope="col">Skickat</th>
                    <th scope="col">Bedömning</th>
                  </tr>
                </thead>
                <tbody>
                  {material.data.meetings.map((m) => (
                    <tr key={m.activityId}>
                      <th scope="row">
                        {m.title}, {formatDate(m.date)}
                      </th>
                      <td>{formatDate(m.dueBy)}</td>
                      <td>{m.materialSentOn ? `${formatDate(m.materialSentOn)} (${m.daysBefore} dagar före)` : 'Inte skickat'}</td>
                      <td>
                        <span className={`badge ${m.flagged ? 'badge-warn' : m.status === 'on-time' ? 'badge-ok' : 'badge-neutral'}`}>{label(MATERIAL_STATUS_LABELS, m.status)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <Form
            idPrefix="underlag-"
            label="Gruppens policy för underlag"
            submitLabel="Spara policyn"
            sendingLabel="Sparar …"
            onSubmit={async () => {
              const value = days ?? String(material.data.noticeDays);
              const saved = await api.put<{ noticeDays: number }>(`/working-groups/${g}/material-policy`, { noticeDays: /^\d+$/.test(value.trim()) ? Number(value) : value });
              await reload();
              setDays(null);
              setConfirmation(`Klart. Underlaget ska nu skickas senast ${saved.noticeDays} dagar före mötet.`);
            }}
          >
            <TextField
              name="noticeDays"
              label="Dagar före mötet som underlaget ska skickas"
              hint="Från 1 till 60 dagar. Standard är 14."
              value={days ?? String(material.data.noticeDays)}
              onChange={setDays}
              inputMode="numeric"
              width="short"
            />
          </Form>
        </>
      )}
    </section>
  );
}
