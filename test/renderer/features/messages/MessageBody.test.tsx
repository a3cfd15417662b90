import { render, screen, within } from '@testing-library/react';
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

  it('never renders raw HTML: it stays the text that was typed', () => {
    const root = renderBody('hi <img src=x onerror="alert(1)"> <script>alert(2)</script> <b>not bold</b> <iframe src="https://evil"></iframe>');
    expect(root.querySelector('img, script, iframe, b')).toBeNull();
    expect(root.querySelector('[onerror]')).toBeNull();
    expect(root).toHaveTextContent('<script>alert(2)</script>');
    expect(root).toHaveTextContent('<img src=x onerror="alert(1)">');
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

  it('strikes through ~~text~~ but not a single ~', () => {
    const root = renderBody('~~old plan~~ new plan in ~5 min or ~10');
    expect(root.querySelector('del')).toHaveTextContent('old plan');
    expect(root.querySelectorAll('del')).toHaveLength(1);
    expect(root).toHaveTextContent('~5 min or ~10');
  });

  it('renders GitHub tables', () => {
    renderBody('| name | count |\n| --- | ---: |\n| apples | 3 |\n| pears | **5** |');
    const table = screen.getByRole('table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toEqual(['name', 'count']);
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText('5').tagName).toBe('STRONG');
  });

  it('renders task lists with read-only boxes', () => {
    renderBody('- [x] write the tests\n- [ ] ship it');
    const boxes = screen.getAllByRole('checkbox');
    expect(boxes).toHaveLength(2);
    expect(boxes[0]).toBeChecked();
    expect(boxes[0]).toBeDisabled();
    expect(boxes[1]).not.toBeChecked();
    expect(boxes[1]).toHaveAccessibleName('Not done');
    expect(screen.getByRole('list')).toHaveTextContent('ship it');
  });

  it('links www. addresses and e-mail addresses (GFM autolinks), and nothing else becomes a link', () => {
    renderBody('see www.example.com or write to team@example.com; not javascript:alert(1)');
    expect(screen.getByRole('link', { name: 'www.example.com' })).toHaveAttribute('href', 'http://www.example.com');
    expect(screen.getByRole('link', { name: 'team@example.com' })).toHaveAttribute('href', 'mailto:team@example.com');
    expect(screen.getAllByRole('link')).toHaveLength(2);
  });

  it('does not make a javascript: autolink or a javascript: link in a table a link', () => {
    const root = renderBody('| a |\n| - |\n| [x](javascript:alert(1)) |\n\n<javascript:alert(2)>');
    expect(root.querySelector('a')).toBeNull();
    expect(screen.getByText('x')).toBeInTheDocument();
  });

  it('highlights fenced code in a known language as elements, once the highlighter has loaded', async () => {
    const root = renderBody('```js\nconst answer = 42; // why\n```');
    const code = root.querySelector('pre code')!;
    expect(code).toHaveTextContent('const answer = 42; // why');
    await expect.poll(() => code.querySelector('.hljs-keyword')?.textContent, { timeout: 5_000 }).toBe('const');
    expect(code.querySelector('.hljs-number')).toHaveTextContent('42');
    expect(code.querySelector('.hljs-comment')).toHaveTextContent('// why');
    expect(code).toHaveTextContent('const answer = 42; // why');
  });

  it('leaves code in an unknown or no language plain, and HTML in code as text', async () => {
    const root = renderBody('```nosuchlang\nconst x = 1;\n```\n\n```\n<script>alert(1)</script>\n```');
    const blocks = root.querySelectorAll('pre code');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(blocks[0]!.children).toHaveLength(0);
    expect(blocks[1]).toHaveTextContent('<script>alert(1)</script>');
    expect(root.querySelector('script')).toBeNull();
  });
});
