/**
 * A remark plugin that shows raw HTML as the text it was typed as ("use <div> here" keeps its
 * <div>), so nothing typed into a message is either interpreted or silently dropped.
 */

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

function walk(node: MdNode): void {
  for (const child of node.children ?? []) {
    if (child.type === 'html') child.type = 'text';
    else walk(child);
  }
}

export function remarkHtmlAsText() {
  return (tree: MdNode) => walk(tree);
}
