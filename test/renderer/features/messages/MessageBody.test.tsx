import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { MessageBody } from '../../../../renderer/src/features/messages/MessageBody';
import { installFakeBridge } from '../../support/fake-bridge';

const renderBody = (body: string, me: string | null = null) => render(<MessageBody body={body} myUsername={me} />).container;

describe('message markdown', () => {
  it('renders the safe subset: bold, italic, inline code, code blocks and links', () => {
    const root = renderBody('**bold** _italic_ `code`\n\n```\nconst x = 1;\n```\n\n[docs](https://example.com/docs)');
    expect(root.querySelector('strong')).toHaveTextContent('bold');
    expect(root.querySelector('em')).toHaveTextContent('italic');
    expect(root.querySelector('p code')).toHaveTextContent('code');
    expect(root.querySelector('pre code')).toHaveTextContent('const x = 1;');
    expect(screen.getByRole('link', { name: 'docs' })).toHaveAttribute('href', 'https://example.com/docs');
  });

  it('never renders raw HTML', () => {
    const root = renderBody('hi <img src=x onerror="alert(1)"> <script>alert(2)</script> <b>not bold</b> <iframe src="https://evil"></iframe>');
    expect(root.querySelector('img, script, iframe, b')).toBeNull();
    expect(root.innerHTML).not.toContain('onerror');
  });

  it('does not make javascript: or data: links clickable', () => {
    const root = renderBody('[click me](javascript:alert(1)) and [data](data:text/html,<script>alert(1)</script>) and <javascript:alert(1)>');
    expect(root.querySelector('a')).toBeNull();
    expect(screen.getByText('click me')).toBeInTheDocument();
  });

  it('opens links in the system browser through main, not in the app window', async () => {
    const bridge = installFakeBridge();
    renderBody('see https://example.com/plan.');
    const link = screen.getByRole('link', { name: 'https://example.com/plan' });
    await userEvent.click(link);
    expect(bridge.callsOf('shell:open-external')).toEqual([{ url: 'https://example.com/plan' }]);
  });

  it('highlights @mentions, mine more strongly, but not inside code', () => {
    const root = renderBody('@alice and @bob, see `@carol`', 'bob');
    const mentions = [...root.querySelectorAll('.mention')];
    expect(mentions.map((m) => m.textContent)).toEqual(['@alice', '@bob']);
    expect(mentions[1]).toHaveClass('mention--self');
    expect(root.querySelector('code')).toHaveTextContent('@carol');
  });

  it('leaves e-mail addresses alone', () => {
    const root = renderBody('write to team@example.com');
    expect(root.querySelector('.mention')).toBeNull();
  });
});
