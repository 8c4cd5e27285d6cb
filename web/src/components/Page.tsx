import { useEffect, useRef, type ReactNode } from 'react';
import { useLocation } from 'react-router';
import { Confirmation } from './Feedback';

export const SITE_NAME = 'Medverkan';

let firstPage = true;

/**
 * One page: sets the window title, and after a navigation inside the app moves focus to the heading so that a
 * screen-reader user hears where they are (the first page of a visit keeps the browser's own focus).
 * A confirmation passed in navigation state (`{ confirmation: '…' }`) is shown at the top; a notice (`{ notice: '…' }`)
 * likewise, as information (not "Klart").
 */
export function Page({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  const state = location.state as { confirmation?: string; notice?: string } | null;
  const confirmation = state?.confirmation;
  // Information that is not a finished action (e.g. a payout run that was already approved): never "Klart".
  const notice = state?.notice;
  useEffect(() => {
    document.title = `${title} – ${SITE_NAME}`;
  }, [title]);
  useEffect(() => {
    if (firstPage) {
      firstPage = false;
      return;
    }
    heading.current?.focus();
  }, [location.key]);
  return (
    <>
      {confirmation && <Confirmation focus={false}>{confirmation}</Confirmation>}
      {notice && (
        <div className="info-box" role="status">
          <p>{notice}</p>
        </div>
      )}
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {intro && <div className="intro">{intro}</div>}
      {children}
    </>
  );
}
