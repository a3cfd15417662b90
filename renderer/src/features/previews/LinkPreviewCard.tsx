import { openExternal } from '../../services/files';
import type { LinkPreview } from '../../shared/contract';
import { Icon } from '../../ui/Icon';
import { useImageLink } from '../../ui/use-image-link';

/** The host a link points at, for when the page names no site. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

interface LinkPreviewCardProps {
  preview: LinkPreview;
  /** Set for the message's sender: a button that removes this preview. */
  onRemove?: (() => void) | undefined;
}

/** What the server found at a link: site, title, description and its image (fetched by the server, shown through main). */
export function LinkPreviewCard({ preview, onRemove }: LinkPreviewCardProps) {
  const image = useImageLink(preview.imageUrl);
  const site = preview.siteName ?? hostOf(preview.url);
  const title = preview.title ?? preview.url;
  return (
    <div className="link-preview" data-preview-url={preview.url}>
      <div className="link-preview__text">
        <span className="link-preview__site">{site}</span>
        <a
          className="link-preview__title"
          href={preview.url}
          onClick={(event) => {
            event.preventDefault();
            openExternal(preview.url);
          }}
        >
          {title}
        </a>
        {preview.description && <p className="link-preview__description">{preview.description}</p>}
      </div>
      {image && <img className="link-preview__image" src={image} alt="" loading="lazy" />}
      {onRemove && (
        <button type="button" className="icon-button link-preview__remove" aria-label={`Remove preview of ${title}`} title="Remove preview" onClick={onRemove}>
          <Icon name="x" size={14} />
        </button>
      )}
    </div>
  );
}
