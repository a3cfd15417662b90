import { formatBytes } from '../../lib/format';
import type { Attachment } from '../../shared/contract';
import { useUiStore } from '../../stores/ui';
import { Icon } from '../../ui/Icon';
import { isInlineImage, thumbnailSize } from './is-image';
import { useFileLink } from './use-file-link';
import './AttachmentList.css';

function ImageThumbnail({ attachment }: { attachment: Attachment }) {
  const url = useFileLink(attachment.id);
  const openDialog = useUiStore((s) => s.openDialog);
  const size = thumbnailSize(attachment);
  return (
    <button
      type="button"
      className="attachment-image"
      style={size}
      aria-label={`Open image ${attachment.name}`}
      onClick={() => openDialog({ kind: 'image', attachment })}
    >
      {url ? (
        <img src={url} alt={attachment.name} width={size.width} height={size.height} loading="lazy" decoding="async" draggable={false} />
      ) : (
        <span className="attachment-image__placeholder" />
      )}
    </button>
  );
}

function FileCard({ attachment }: { attachment: Attachment }) {
  const url = useFileLink(attachment.id);
  const extension = attachment.name.includes('.') ? attachment.name.split('.').pop()!.slice(0, 4).toUpperCase() : 'FILE';
  return (
    <div className="attachment-file">
      <span className="attachment-file__badge" aria-hidden="true">
        {extension}
      </span>
      <span className="attachment-file__text">
        <span className="attachment-file__name" title={attachment.name}>
          {attachment.name}
        </span>
        <span className="attachment-file__size">{formatBytes(attachment.size)}</span>
      </span>
      {url && (
        <a className="icon-button" href={url} download={attachment.name} aria-label={`Download ${attachment.name}`} title="Download">
          <Icon name="download" size={16} />
        </a>
      )}
    </div>
  );
}

export function AttachmentList({ attachments }: { attachments: Attachment[] }) {
  if (attachments.length === 0) return null;
  return (
    <div className="attachments">
      {attachments.map((a) => (isInlineImage(a) ? <ImageThumbnail key={a.id} attachment={a} /> : <FileCard key={a.id} attachment={a} />))}
    </div>
  );
}
