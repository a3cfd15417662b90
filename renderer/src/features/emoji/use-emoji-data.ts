import { useEffect, useState } from 'react';
import { loadEmojiData, loadedEmojiData, type EmojiData } from './emoji-data';

/** Emoji data once loaded (null meanwhile, or `error` if its chunk could not be loaded). */
export function useEmojiData(): { data: EmojiData | null; error: unknown } {
  const [data, setData] = useState<EmojiData | null>(loadedEmojiData);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (data) return;
    let live = true;
    loadEmojiData().then(
      (result) => {
        if (live) setData(result);
      },
      (failure: unknown) => {
        console.error('Could not load the emoji data:', failure);
        if (live) setError(failure);
      },
    );
    return () => {
      live = false;
    };
  }, [data]);
  return { data, error };
}
