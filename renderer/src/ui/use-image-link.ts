import { useEffect, useState } from 'react';
import { imageLink } from '../services/images';
import { warnFailure } from '../services/report-failure';

/** The loadable URL of a server image path (avatar, link preview image); null while there is none. */
export function useImageLink(serverPath: string | null | undefined): string | null {
  const [link, setLink] = useState<{ path: string; url: string } | null>(null);
  useEffect(() => {
    if (!serverPath) return;
    let cancelled = false;
    imageLink(serverPath)
      .then((url) => {
        if (!cancelled && url) setLink({ path: serverPath, url });
      })
      .catch(warnFailure(`get a link to the image ${serverPath}`));
    return () => {
      cancelled = true;
    };
  }, [serverPath]);
  return link && link.path === serverPath ? link.url : null;
}
