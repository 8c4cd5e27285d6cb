import { formatDate } from '../../format';
import { INPUT_OUTCOME_LABELS, label } from '../../labels';
import type { InputItem } from '../../types';

/**
 * Input items as a list: the activity, what was raised (as text, never as HTML), by whom, and what became of it with
 * the reason and the guideline section.
 */
export function InputItemList({ items, children }: { items: InputItem[]; children?: (item: InputItem) => React.ReactNode }) {
  return (
    <ul className="plain-list">
      {items.map((i) => (
        <li key={i.id} className="card">
          <p className="small">
            {i.activityTitle}
            {i.activityDate ? `, ${formatDate(i.activityDate)}` : ''}
            {i.raisedByName ? ` · Togs upp av ${i.raisedByName}` : ''}
          </p>
          <p className="pre-wrap">{i.raised}</p>
          <dl className="facts">
            <div>
              <dt>Utfall</dt>
              <dd>{i.outcome ? label(INPUT_OUTCOME_LABELS, i.outcome) : 'Inget utfall ännu'}</dd>
            </div>
            {i.reason && (
              <div>
                <dt>Skäl</dt>
                <dd className="pre-wrap">{i.reason}</dd>
              </div>
            )}
            {i.guidelineSection && (
              <div>
                <dt>Avsnitt i kunskapsstödet</dt>
                <dd>{i.guidelineSection}</dd>
              </div>
            )}
          </dl>
          {children?.(i)}
        </li>
      ))}
    </ul>
  );
}
