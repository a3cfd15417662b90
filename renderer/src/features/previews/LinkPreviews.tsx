import { removePreview } from '../../services/previews';
import { reportFailure } from '../../services/report-failure';
import type { Message } from '../../shared/contract';
import { LinkPreviewCard } from './LinkPreviewCard';
import './LinkPreviews.css';

/** The previews of a message's links; its sender may remove each one. */
export function LinkPreviews({ message, own }: { message: Message; own: boolean }) {
  const previews = message.previews ?? [];
  if (previews.length === 0) return null;
  return (
    <div className="link-previews">
      {previews.map((preview) => (
        <LinkPreviewCard
          key={preview.url}
          preview={preview}
          onRemove={own ? () => void removePreview(message.id, preview.url).catch(reportFailure('remove the link preview')) : undefined}
        />
      ))}
    </div>
  );
}
