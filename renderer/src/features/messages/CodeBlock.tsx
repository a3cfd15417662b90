import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { warnFailure } from '../../services/report-failure';
import type { HighlightNode } from './code-highlight';
import './CodeBlock.css';

type Highlight = (typeof import('./code-highlight'))['highlight'];

let highlighter: Highlight | null = null;
let loading: Promise<Highlight> | null = null;

function loadHighlighter(): Promise<Highlight> {
  loading ??= import('./code-highlight').then(
    ({ highlight }) => (highlighter = highlight),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** Longer blocks stay plain: highlighting them would hold up the list. */
const HIGHLIGHT_MAX = 20_000;

function toReact(nodes: readonly HighlightNode[]): ReactNode[] {
  return nodes.map((node, index) =>
    typeof node === 'string' ? (
      node
    ) : (
      <span key={index} className={node.className}>
        {toReact(node.children)}
      </span>
    ),
  );
}

/** A fenced code block; with a known language, highlighted once the highlighter has loaded. */
export function CodeBlock({ code, language }: { code: string; language: string | null }) {
  const wanted = language !== null && code.length <= HIGHLIGHT_MAX;
  const [loaded, setLoaded] = useState(highlighter !== null);

  useEffect(() => {
    if (!wanted || highlighter) return;
    let live = true;
    loadHighlighter().then(() => live && setLoaded(true), warnFailure('load the code highlighter'));
    return () => {
      live = false;
    };
  }, [wanted]);

  const tokens = useMemo(() => (wanted && loaded && highlighter ? toReact(highlighter(code, language) ?? []) : null), [wanted, loaded, code, language]);
  return (
    <pre className={tokens && tokens.length > 0 ? 'code-block code-block--highlighted' : 'code-block'} data-language={language ?? undefined}>
      <code className="hljs">{tokens && tokens.length > 0 ? tokens : code}</code>
    </pre>
  );
}
