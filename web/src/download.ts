import { api } from './api';

/** Fetches a file with the token and saves it under its name (the API needs the bearer token, a plain link cannot send it). */
export async function downloadFile(path: string, fileName: string): Promise<void> {
  const blob = await api.blob(path);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
