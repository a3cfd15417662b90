/**
 * A remark plugin that turns "@username" into highlighted mentions and bare http(s) URLs into
 * links, in plain text only (never inside code or existing links).
 */

interface MdNode {
  type: string;
  value?: string;
  url?: string;
  children?: MdNode[];
  data?: { hName?: string; hProperties?: Record<string, unknown> };
}

const TOKEN = /(https?:\/\/[^\s<>]*[^\s<>.,:;"')\]!?*_~])|(^|[^\w@/])@([a-z0-9_.-]{3,32})/gi;
const SKIP = new Set(['code', 'inlineCode', 'link', 'linkReference', 'html']);

function splitText(value: string): MdNode[] | null {
  const nodes: MdNode[] = [];
  let last = 0;
  for (const match of value.matchAll(TOKEN)) {
    const [whole, url, lead = '', username] = match;
    const start = match.index + (url ? 0 : lead.length);
    if (start > last) nodes.push({ type: 'text', value: value.slice(last, start) });
    if (url) {
      nodes.push({ type: 'link', url, children: [{ type: 'text', value: url }] });
    } else {
      nodes.push({
        type: 'mention',
        children: [{ type: 'text', value: `@${username}` }],
        data: { hName: 'span', hProperties: { className: ['mention'], dataMention: username!.toLowerCase() } },
      });
    }
    last = match.index + whole.length;
  }
  if (nodes.length === 0) return null;
  if (last < value.length) nodes.push({ type: 'text', value: value.slice(last) });
  return nodes;
}

function walk(node: MdNode): void {
  if (!node.children || SKIP.has(node.type)) return;
  const children: MdNode[] = [];
  for (const child of node.children) {
    const replaced = child.type === 'text' && child.value ? splitText(child.value) : null;
    if (replaced) children.push(...replaced);
    else {
      walk(child);
      children.push(child);
    }
  }
  node.children = children;
}

export function remarkInlineTokens() {
  return (tree: MdNode) => walk(tree);
}
