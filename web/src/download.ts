import { api } from './api';

/**
 * Fetches a file with the token and saves it under the name the API gives it (or `fileName` when it gives none);
 * the API needs the bearer token, a plain link cannot send it.
 */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  const { blob, fileName: named } = await api.file(path);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = named ?? fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
