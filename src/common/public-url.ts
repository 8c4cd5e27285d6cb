import type { AppConfig } from '../config/config';

/**
 * The web app's address, without a trailing slash: PUBLIC_URL when configured, else the API's own address on this
 * machine (the API serves the web app). Every link in a mail starts with it (invitations, and the direct link to the
 * page of the step, issue 16 #3).
 */
export function publicBaseUrl(config: Pick<AppConfig, 'http'>): string {
  return (config.http.publicUrl ?? `http://localhost:${config.http.port}`).replace(/\/+$/, '');
}
