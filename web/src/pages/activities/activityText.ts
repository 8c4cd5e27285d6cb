import { formatDate } from '../../format';
import { ACTIVITY_MODE_LABELS, GROUP_ACTIVITY_KIND_LABELS, label } from '../../labels';
import type { ActivityView } from '../../types';

/** 90 → "1 timme 30 minuter". */
export function lengthText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h ? `${h} ${h === 1 ? 'timme' : 'timmar'}` : '', m ? `${m} minuter` : ''].filter(Boolean).join(' ') || '0 minuter';
}

/** "Arbetsmöte 3, 14 september 2026" (the agreement's own activity has no date of its own). */
export function activityTitle(a: Pick<ActivityView, 'title' | 'date' | 'agreementActivity'>): string {
  return a.agreementActivity || !a.date ? a.title : `${a.title}, ${formatDate(a.date)}`;
}

/** "Möte, på plats, kl. 13:00, 3 timmar". */
export function activitySummary(a: Pick<ActivityView, 'kind' | 'mode' | 'durationMinutes'> & { startTime?: string | null }): string {
  return [
    label(GROUP_ACTIVITY_KIND_LABELS, a.kind),
    label(ACTIVITY_MODE_LABELS, a.mode).toLowerCase(),
    a.startTime ? `kl. ${a.startTime.slice(0, 5)}` : '',
    a.durationMinutes ? lengthText(a.durationMinutes) : '',
  ]
    .filter(Boolean)
    .join(', ');
}
