import { expect, test } from '../../harness/fixtures';
import { expectNoSeriousA11yViolations, messageRow, openRoomFromSidebar, screenshot, sendFromComposer } from './chat-helpers';

test('GitHub-flavoured markdown and highlighted code reach the other user, readable in light and dark', async ({ createUser, launchDesktop }) => {
  test.setTimeout(120_000);
  const alice = await createUser('alice', { displayName: 'Alice Archer' });
  const bob = await createUser('bob', { displayName: 'Bob Baker' });
  const a = await launchDesktop({ profile: 'alice', user: alice });
  const b = await launchDesktop({ profile: 'bob', user: bob });
  await a.createRoom('dev', [bob.id]);
  await openRoomFromSidebar(a.page, 'dev');
  await openRoomFromSidebar(b.page, 'dev');

  await sendFromComposer(
    a.page,
    [
      'Release ~~Friday~~ Monday, notes at www.example.com',
      '',
      '| step | owner |',
      '| --- | --- |',
      '| build | Alice |',
      '',
      '- [x] tests',
      '- [ ] changelog <script>alert(1)</script>',
      '',
      '```ts',
      'const answer: number = 42; // checked',
      '```',
    ].join('\n'),
  );
  const row = messageRow(b.page, 'Release');
  await expect(row.locator('del')).toHaveText('Friday');
  await expect(row.getByRole('link', { name: 'www.example.com' })).toBeVisible();
  await expect(row.getByRole('table').getByRole('cell', { name: 'Alice' })).toBeVisible();
  await expect(row.getByRole('checkbox', { name: 'Done', exact: true })).toBeChecked();
  await expect(row.getByRole('checkbox', { name: 'Not done' })).not.toBeChecked();
  await expect(row).toContainText('<script>alert(1)</script>');
  await expect(row.locator('script')).toHaveCount(0);
  await expect(row.locator('pre .hljs-keyword').first()).toHaveText('const');
  await expect(row.locator('pre .hljs-number')).toHaveText('42');
  await b.page.mouse.move(0, 0);

  await expectNoSeriousA11yViolations(b.page);
  await screenshot(b.page, 'markdown-light');
  await b.page.emulateMedia({ colorScheme: 'dark' });
  await expectNoSeriousA11yViolations(b.page);
  await screenshot(b.page, 'markdown-dark');
});
