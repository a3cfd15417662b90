import { useEffect, useState } from 'react';
import { fileLink } from '../../services/files';
import { warnFailure } from '../../services/report-failure';

/** The loadable URL of an attachment, or null while main is making it. */
export function useFileLink(attachmentId: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let cancelled = false;
    fileLink(attachmentId)
      .then((link) => !cancelled && setUrl(link))
      .catch(warnFailure(`get a link to attachment ${attachmentId}`));
    return () => {
      cancelled = true;
    };
  }, [attachmentId]);
  return url;
}
