import { formatDate, isPast, relativeDays } from '../format';

/** A deadline people can read: "senast 1 mars 2026 (om 5 dagar)", marked when it has passed. */
export function Deadline({ date, prefix = 'senast' }: { date: string | null | undefined; prefix?: string }) {
  if (!date) return <span>Ingen sista dag är satt.</span>;
  const late = isPast(date);
  return (
    <span className={late ? 'deadline deadline-late' : 'deadline'}>
      {prefix} <time dateTime={date}>{formatDate(date)}</time> ({relativeDays(date)})
      {late && <strong> – tiden har gått ut</strong>}
    </span>
  );
}
