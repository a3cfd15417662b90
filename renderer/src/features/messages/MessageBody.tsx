import { memo, type ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';
import { openExternal } from '../../services/files';
import { remarkInlineTokens } from './remark-inline-tokens';
import './MessageBody.css';

/** The safe subset: emphasis, code, links, lists and quotes. Raw HTML is dropped, anything else shows as its text. */
const ALLOWED = ['p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'a', 'span', 'ul', 'ol', 'li', 'blockquote'];
const PLUGINS = [remarkInlineTokens];
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
    span: ({ node: _node, className, children, ...rest }) => {
      const mention = (rest as Record<string, unknown>)['data-mention'];
      const self = mention !== undefined && (mention === myUsername?.toLowerCase() || mention === 'channel' || mention === 'here');
      return <span className={`${className ?? ''}${self ? ' mention--self' : ''}`}>{children}</span>;
    },
  };
}

const componentCache = new Map<string | null, Components>();

/** Anything markdown, a mention or a link could start with; most messages have none and skip the parser. */
const MAY_NEED_MARKDOWN = /[*_`[\]<>#~|\\!&]|https?:|@|^\s*(\d+[.)]|[-+])\s|\n\s*\n|^ {4}/m;

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
