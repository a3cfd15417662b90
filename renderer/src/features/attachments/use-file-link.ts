import { useEffect, useState } from 'react';
import { fileLink } from '../../services/files';

/** The loadable URL of an attachment, or null while main is making it. */
export function useFileLink(attachmentId: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    fileLink(attachmentId)
      .then((link) => !cancelled && setUrl(link))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [attachmentId]);
  return url;
}
