import { formatBytes } from '../../lib/format';
import type { Attachment } from '../../shared/contract';
import { Dialog } from '../../ui/Dialog';
import { Icon } from '../../ui/Icon';
import { useFileLink } from './use-file-link';
import './ImageViewerDialog.css';

export function ImageViewerDialog({ attachment, onClose }: { attachment: Attachment; onClose: () => void }) {
  const url = useFileLink(attachment.id);
  return (
    <Dialog title={attachment.name} description={formatBytes(attachment.size)} onClose={onClose} size="large" className="image-viewer">
      <div className="image-viewer__stage">
        {url ? <img src={url} alt={attachment.name} /> : <span className="spinner" role="status" aria-label="Loading image" />}
      </div>
      {url && (
        <div className="dialog__footer">
          <a className="button" href={url} download={attachment.name}>
            <Icon name="download" size={15} /> Download
          </a>
        </div>
      )}
    </Dialog>
  );
}
