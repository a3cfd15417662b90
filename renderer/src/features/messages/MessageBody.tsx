import { memo, type ReactNode } from 'react';
import Markdown, { type Components, type Options } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { openExternal } from '../../services/files';
import { CodeBlock } from './CodeBlock';
import { remarkHtmlAsText } from './remark-html-as-text';
import { remarkInlineTokens } from './remark-inline-tokens';
import './MessageBody.css';

/**
 * The safe subset: emphasis, strikethrough, code, links, lists, task lists (read-only), tables
 * and quotes (GitHub-flavoured). Raw HTML shows as the text it is; anything else (images, headings) as its text.
 */
const ALLOWED = [
  'p',
  'br',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'a',
  'span',
  'ul',
  'ol',
  'li',
  'blockquote',
  'input',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
];
// One tilde is too common in chat ("~5 min") to strike text through; GFM's ~~two~~ does.
const PLUGINS: Options['remarkPlugins'] = [[remarkGfm, { singleTilde: false }], remarkHtmlAsText, remarkInlineTokens];
const SAFE_URL = /^(https?:|mailto:)/i;

function SafeLink({ href, children }: { href?: string | undefined; children?: ReactNode }) {
  if (!href || !SAFE_URL.test(href)) return <span className="md-unsafe-link">{children}</span>;
  return (
    <a
      href={href}
      title={href}
      rel="noopener noreferrer"
      onClick={(event) => {
        event.preventDefault();
        openExternal(href);
      }}
    >
      {children}
    </a>
  );
}

function componentsFor(myUsername: string | null): Components {
  return {
    a: ({ href, children }) => <SafeLink href={href}>{children}</SafeLink>,
    // GFM's task list boxes; nothing else in a message makes an input.
    input: ({ type, checked }) =>
      type === 'checkbox' ? <input type="checkbox" className="md-task" checked={checked === true} disabled aria-label={checked ? 'Done' : 'Not done'} /> : null,
    table: ({ children }) => (
      <div className="md-table">
        <table>{children}</table>
      </div>
    ),
    pre: ({ node }) => {
      const code = node?.children[0];
      if (code?.type !== 'element') return null;
      const className = code.properties['className'];
      const language = Array.isArray(className)
        ? (className
            .map(String)
            .find((c) => c.startsWith('language-'))
            ?.slice('language-'.length) ?? null)
        : null;
      const text = code.children.map((child) => (child.type === 'text' ? child.value : '')).join('');
      return <CodeBlock code={text.replace(/\n$/, '')} language={language} />;
    },
    span: ({ node: _node, className, children, ...rest }) => {
      const mention = (rest as Record<string, unknown>)['data-mention'];
      const self = mention !== undefined && (mention === myUsername?.toLowerCase() || mention === 'channel' || mention === 'here');
      return <span className={`${className ?? ''}${self ? ' mention--self' : ''}`}>{children}</span>;
    },
  };
}

const componentCache = new Map<string | null, Components>();

/** Anything markdown, a mention or a link could start with; most messages have none and skip the parser. */
const MAY_NEED_MARKDOWN = /[*_`[\]<>#~|\\!&]|https?:|www\.|@|^\s*(\d+[.)]|[-+])\s|\n\s*\n|^ {4}/m;

export const MessageBody = memo(function MessageBody({ body, myUsername }: { body: string; myUsername: string | null }) {
  if (!MAY_NEED_MARKDOWN.test(body)) {
    return (
      <div className="message-body">
        <p>{body.trim()}</p>
      </div>
    );
  }
  let components = componentCache.get(myUsername);
  if (!components) {
    components = componentsFor(myUsername);
    componentCache.set(myUsername, components);
  }
  return (
    <div className="message-body">
      <Markdown remarkPlugins={PLUGINS} allowedElements={ALLOWED} unwrapDisallowed skipHtml components={components}>
        {body}
      </Markdown>
    </div>
  );
});
