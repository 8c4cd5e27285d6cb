import type { ReactNode } from 'react';
import { SITE_NAME } from './Page';

/** The frame of the pages before login: skip link, banner and main content. */
export function PublicFrame({ children }: { children: ReactNode }) {
  return (
    <>
      <a className="skip-link" href="#huvudinnehall">
        Hoppa till huvudinnehållet
      </a>
      <header className="site-header">
        <div className="container header-row">
          <p className="site-name">
            <span>{SITE_NAME}</span>
            <span className="site-tagline">Patient- och närståendemedverkan</span>
          </p>
        </div>
      </header>
      <main id="huvudinnehall" tabIndex={-1} className="container narrow">
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>Har du frågor? Kontakta samordnaren för din grupp.</p>
        </div>
      </footer>
    </>
  );
}
