import { formatBytes } from '../../lib/format';
import { useUploadsStore, type Upload } from '../../stores/uploads';
import { Icon } from '../../ui/Icon';

/** Files attached to the message being written, with their upload progress. */
export function UploadTray({ uploads }: { uploads: Upload[] }) {
  const remove = useUploadsStore((s) => s.remove);
  if (uploads.length === 0) return null;
  return (
    <ul className="upload-tray" aria-label="Attachments">
      {uploads.map((upload) => {
        const percent = upload.size ? Math.round((upload.loaded / upload.size) * 100) : 0;
        return (
          <li key={upload.uploadId} className={`upload upload--${upload.status}`}>
            {upload.previewUrl ? (
              <img className="upload__preview" src={upload.previewUrl} alt="" />
            ) : (
              <span className="upload__icon" aria-hidden="true">
                <Icon name="file" size={18} />
              </span>
            )}
            <span className="upload__text">
              <span className="upload__name">{upload.name}</span>
              <span className="upload__meta">
                {upload.status === 'failed' ? upload.error : upload.status === 'uploading' ? `Uploading… ${percent}%` : formatBytes(upload.size)}
              </span>
              {upload.status === 'uploading' && (
                <span
                  className="upload__bar"
                  role="progressbar"
                  aria-label={`Uploading ${upload.name}`}
                  aria-valuemin={0}
                  aria-valuemax={100}
                  aria-valuenow={percent}
                >
                  <span style={{ width: `${percent}%` }} />
                </span>
              )}
            </span>
            <button type="button" className="icon-button icon-button--small" aria-label={`Remove ${upload.name}`} onClick={() => remove(upload.uploadId)}>
              <Icon name="x" size={14} />
            </button>
          </li>
        );
      })}
    </ul>
  );
}
