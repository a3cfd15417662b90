import { common, createLowlight } from 'lowlight';

/**
 * Syntax highlighting for fenced code blocks, with highlight.js's common languages only.
 * Loaded by dynamic import (its own chunk) when the first code block renders.
 */
const lowlight = createLowlight(common);

/** A highlighted token tree: strings are text, arrays are spans with highlight.js classes. */
export type HighlightNode = string | { className: string; children: HighlightNode[] };

interface HastLike {
  type: string;
  value?: string;
  properties?: { className?: unknown };
  children?: HastLike[];
}

function simplify(node: HastLike): HighlightNode[] {
  if (node.type === 'text') return [node.value ?? ''];
  const children = (node.children ?? []).flatMap(simplify);
  if (node.type !== 'element') return children;
  const className = Array.isArray(node.properties?.className) ? node.properties.className.join(' ') : '';
  return [{ className, children }];
}

/** Tokens for `code` in `language`, or null for a language not among the common ones. */
export function highlight(code: string, language: string): HighlightNode[] | null {
  const name = language.toLowerCase();
  if (!lowlight.registered(name)) return null;
  return simplify(lowlight.highlight(name, code));
}
