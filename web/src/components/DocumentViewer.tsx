import { useEffect, useState } from 'react';
import { api } from '../api';
import { ErrorMessage, Working } from './Feedback';

/**
 * A PDF from GET /documents/:id/pdf shown in the page, with a download link. The API needs the bearer token, so
 * the file is fetched and shown from a blob: URL (the token never goes into an address).
 */
export function DocumentViewer({ documentId, fileName, title }: { documentId: string; fileName: string; title: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let made: string | null = null;
    let cancelled = false;
    setUrl(null);
    setError(null);
    api
      .blob(`/documents/${encodeURIComponent(documentId)}/pdf`)
      .then((blob) => {
        if (cancelled) return;
        made = URL.createObjectURL(new Blob([blob], { type: 'application/pdf' }));
        setUrl(made);
      })
      .catch((e: unknown) => !cancelled && setError(e));
    return () => {
      cancelled = true;
      if (made) URL.revokeObjectURL(made);
    };
  }, [documentId]);

  if (error) return <ErrorMessage error={error} title="Dokumentet kunde inte visas" />;
  if (!url) return <Working>Hämtar dokumentet …</Working>;
  return (
    <div className="document">
      <p>
        <a className="button button-secondary" href={url} download={fileName}>
          Ladda ner {title} (PDF)
        </a>
      </p>
      <iframe className="document-frame" src={url} title={title} />
      <p className="small">Syns inte dokumentet? Ladda ner det med knappen ovan och öppna det i ditt PDF-program.</p>
    </div>
  );
}
