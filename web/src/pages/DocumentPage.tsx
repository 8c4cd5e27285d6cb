import { useState } from 'react';
import { useParams } from 'react-router';
import { api } from '../api';
import { hasRole, useUser, type User } from '../auth';
import { DocumentViewer } from '../components/DocumentViewer';
import { Confirmation, ErrorMessage, NextStep, Working } from '../components/Feedback';
import { Checkbox, Form, requireFields } from '../components/Form';
import { Page } from '../components/Page';
import { formatDateTime } from '../format';
import { useLoad } from '../hooks';
import { DOCUMENT_KIND_LABELS, label, SIGNER_ROLE_LABELS } from '../labels';
import type { DocumentView, SignerRole } from '../types';

/** The role this user would sign in, among those still pending (the API decides whether they may). */
function myPendingRole(user: User, doc: DocumentView): SignerRole | undefined {
  const mine: SignerRole[] = [];
  if (hasRole(user, 'representative')) mine.push('representative', 'declarant');
  if (hasRole(user, 'coordinator')) mine.push('countersigner', 'assessor');
  return doc.pendingRoles.find((r) => mine.includes(r));
}

/** One document: read it in the page, download it, see who has signed, and sign it when it is your turn. */
export function DocumentPage() {
  const { id = '' } = useParams();
  const user = useUser();
  const [doc, reload] = useLoad(() => api.get<DocumentView>(`/documents/${encodeURIComponent(id)}`), [id]);
  const [confirmation, setConfirmation] = useState('');
  const [read, setRead] = useState(false);

  if (doc.status !== 'ok')
    return (
      <Page title="Dokument">
        {doc.status === 'loading' ? <Working>Hämtar dokumentet …</Working> : <ErrorMessage error={doc.error} title="Dokumentet kunde inte visas" />}
      </Page>
    );
  const d = doc.data;
  const kind = label(DOCUMENT_KIND_LABELS, d.kind);
  const latest = d.sealedVersions.length ? d.sealedVersions[d.sealedVersions.length - 1].id : d.id;
  const role = d.variant === 'original' ? myPendingRole(user, d) : undefined;
  /** Whether the document is one people sign: it has signatures or awaits them (a payout slip never does). */
  const signed = d.kind !== 'payout-slip' || d.signatures.length > 0 || d.pendingRoles.length > 0;
  return (
    <Page title={kind}>
      {confirmation && <Confirmation key={confirmation}>{confirmation}</Confirmation>}
      <DocumentViewer documentId={latest} fileName={d.fileName} title={kind.toLowerCase()} />
      {/* A payout slip is never signed: no "Signaturer" that nobody will ever add to (issue 17 #8, no contradictions). */}
      {signed && (
        <>
          <h2>Signaturer</h2>
          {d.signatures.length === 0 ? (
            <p>Ingen har signerat ännu.</p>
          ) : (
            <ul>
              {d.signatures.map((s) => (
                <li key={s.id}>
                  {s.signerName} signerade som {s.roleLabel.toLowerCase()} {formatDateTime(s.signedAt)}.
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {role && (
        <section aria-labelledby="signera">
          <h2 id="signera">Signera</h2>
          <Form
            submitLabel={`Signera ${kind.toLowerCase()}n`}
            sendingLabel="Signerar …"
            onSubmit={async () => {
              requireFields({ read: !read && 'Bekräfta att du har läst dokumentet.' });
              await api.post(`/documents/${d.id}/signatures`, { role, expectedSha256: d.sha256 });
              setRead(false);
              setConfirmation(`Du har signerat ${kind.toLowerCase()}n. En signerad version med signeringsintyg är sparad.`);
              await reload();
            }}
          >
            <Checkbox name="read" label={`Jag har läst ${kind.toLowerCase()}n och godkänner den`} checked={read} onChange={setRead} />
          </Form>
        </section>
      )}
      <NextStep>
        {d.pendingRoles.length === 0 ? (
          <p>{d.kind === 'payout-slip' ? 'Spara beskedet. Det visar vad som har betalats ut och rapporterats till Skatteverket.' : 'Alla som ska signera har gjort det. Dokumentet är klart.'}</p>
        ) : (
          <p>Dokumentet väntar på signatur av {d.pendingRoles.map((r) => label(SIGNER_ROLE_LABELS, r)).join(' och ')}.</p>
        )}
      </NextStep>
    </Page>
  );
}
