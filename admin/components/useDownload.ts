import { useAPIErrorHandler, useNotification } from '@strapi/strapi/admin';
import { useState } from 'react';

/** Fetches a file (with the admin's session) and hands it to the browser as a download named `filename`. */
export function useDownload() {
  const { toggleNotification } = useNotification();
  const { formatAPIError } = useAPIErrorHandler();
  const [busy, setBusy] = useState(false);
  const download = async (fetchFile: () => Promise<Blob>, filename: string) => {
    setBusy(true);
    try {
      const url = URL.createObjectURL(await fetchFile());
      const link = Object.assign(document.createElement('a'), { href: url, download: filename });
      document.body.appendChild(link);
      link.click();
      link.remove();
      // The click has handed the file over; the object URL can go once the browser has read it.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      toggleNotification({ type: 'danger', message: formatAPIError(error as any) });
    } finally {
      setBusy(false);
    }
  };
  return { download, busy };
}
