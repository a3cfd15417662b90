import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/**
 * A scratch project outside the checkout that uses the repo's own config files verbatim, so the
 * planted problems never show up in anybody's lint, typecheck or knip run.
 */
function scratchProject(configFiles: string[], files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'droplink-repo-checks-'));
  for (const file of configFiles) copyFileSync(path.join(root, file), path.join(dir, file));
  symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

const scratchTsconfig = JSON.stringify({
  compilerOptions: {
    target: 'ES2023',
    module: 'ESNext',
    moduleResolution: 'Bundler',
    strict: true,
    jsx: 'react-jsx',
    lib: ['ES2023', 'DOM'],
    types: [],
    skipLibCheck: true,
    noEmit: true,
  },
  include: ['**/*.ts', '**/*.tsx'],
});

/** Four ways of dropping a rejection on the floor. */
const SWALLOWING = [
  'declare const pending: Promise<void>;',
  '',
  'export function swallow(): void {',
  '  void pending.catch(() => undefined);',
  '  void pending.catch(() => null);',
  '  void pending.catch(() => {});',
  '  void pending.catch(function () {});',
  '}',
  '',
].join('\n');

describe('eslint.config.js', () => {
  let dir: string;
  let results: Map<string, ESLint.LintResult>;

  beforeAll(async () => {
    dir = scratchProject(['eslint.config.js'], {
      'package.json': JSON.stringify({ name: 'scratch', private: true, type: 'module' }),
      'tsconfig.json': scratchTsconfig,
      'common/cycle-a.ts': "import { two } from './cycle-b';\n\nexport const one = (): number => 1;\nexport const three = (): number => one() + two();\n",
      'common/cycle-b.ts': "import { one } from './cycle-a';\n\nexport const two = (): number => one() + 1;\n",
      'renderer/src/Conditional.tsx': [
        "import { useState } from 'react';",
        '',
        'export function Conditional({ on }: { on: boolean }) {',
        '  if (!on) return null;',
        '  const [count] = useState(0);',
        '  return <p>{count}</p>;',
        '}',
        '',
      ].join('\n'),
      'server/floating.ts': 'async function work(): Promise<number> {\n  return 1;\n}\n\nexport function start(): void {\n  work();\n}\n',
      'server/clean.ts':
        "import { one } from '../common/clean-dep';\n\nexport async function start(): Promise<number> {\n  return one() + (await Promise.resolve(1));\n}\n",
      'common/clean-dep.ts': 'export const one = (): number => 1;\n',
      'renderer/src/swallow.ts': SWALLOWING,
      'server/logged.ts':
        "declare const pending: Promise<void>;\n\nexport function stop(): void {\n  void pending.catch((error: unknown) => console.warn('stop failed', error));\n}\n",
      'test/teardown.ts': SWALLOWING,
    });
    const eslint = new ESLint({ cwd: dir });
    const linted = await eslint.lintFiles(['.']);
    results = new Map(linted.map((r) => [path.relative(dir, r.filePath), r]));
  }, 120_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const rulesIn = (file: string): string[] => {
    const result = results.get(file);
    if (!result) throw new Error(`${file} was not linted`);
    return result.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
  };

  it('reports an import cycle from both sides', () => {
    expect(rulesIn('common/cycle-a.ts')).toContain('import-x/no-cycle');
    expect(rulesIn('common/cycle-b.ts')).toContain('import-x/no-cycle');
  });

  it('reports a hook called after an early return in the renderer', () => {
    expect(rulesIn('renderer/src/Conditional.tsx')).toContain('react-hooks/rules-of-hooks');
  });

  it('runs the type-aware rules (a floating promise)', () => {
    expect(rulesIn('server/floating.ts')).toEqual(['@typescript-eslint/no-floating-promises']);
  });

  it('reports every swallowed rejection in shipped code, and allows them in tests (teardown)', () => {
    expect(rulesIn('renderer/src/swallow.ts')).toEqual(Array(4).fill('no-restricted-syntax'));
    expect(rulesIn('server/logged.ts')).toEqual([]);
    expect(rulesIn('test/teardown.ts')).toEqual([]);
  });

  it('passes clean code with no message at all (no parse or project errors)', () => {
    expect(rulesIn('server/clean.ts')).toEqual([]);
    expect(rulesIn('common/clean-dep.ts')).toEqual([]);
  });

  it('lints the sources and ignores build output', async () => {
    const eslint = new ESLint({ cwd: root });
    expect(await eslint.isPathIgnored(path.join(root, 'out/main/index.js'))).toBe(true);
    for (const file of ['server/index.ts', 'renderer/src/main.tsx', 'main/index.ts', 'test/build/repo-checks.test.ts']) {
      expect(await eslint.isPathIgnored(path.join(root, file)), file).toBe(false);
    }
  });
});

describe('.prettierrc.json', () => {
  it('is the style the code is written in, and rejects code that is not', async () => {
    const options = await prettier.resolveConfig(path.join(root, 'server/index.ts'));
    expect(options).toMatchObject({ singleQuote: true, semi: true, trailingComma: 'all', printWidth: 160 });
    const settings = { ...options, filepath: 'example.ts' };
    expect(await prettier.check("export const greeting = { text: 'hi', to: ['you', 'me'] };\n", settings)).toBe(true);
    expect(await prettier.check('export const greeting = { text: "hi", to: ["you", "me"] }\n', settings)).toBe(false);
  });

  it('leaves build output and the lock file alone', async () => {
    const ignorePath = [path.join(root, '.gitignore'), path.join(root, '.prettierignore')];
    for (const file of ['out/main/index.js', 'package-lock.json']) {
      expect((await prettier.getFileInfo(path.join(root, file), { ignorePath })).ignored, file).toBe(true);
    }
    expect((await prettier.getFileInfo(path.join(root, 'server/index.ts'), { ignorePath })).ignored).toBe(false);
  });
});

describe('knip.json', () => {
  it('reports an unreachable file, an unused export and an unused dependency', async () => {
    const dir = scratchProject(['knip.json'], {
      // As in the repo, the server's entry is known from the `server` script.
      'package.json': JSON.stringify({
        name: 'scratch',
        private: true,
        type: 'module',
        scripts: { server: 'node --import tsx server/index.ts' },
        dependencies: { zod: '*' },
      }),
      'tsconfig.json': scratchTsconfig,
      'server/index.ts': "import { used } from './used';\n\nconsole.log(used());\n",
      'server/used.ts': 'export const used = (): number => 1;\nexport const unused = (): number => 2;\n',
      'server/orphan.ts': 'export const orphan = 3;\n',
    });
    try {
      const knip = path.join(root, 'node_modules/knip/bin/knip.js');
      const report = await run(process.execPath, [knip, '--reporter', 'json', '--no-progress'], { cwd: dir }).then(
        (done) => done.stdout,
        (failed: { stdout?: string }) => failed.stdout ?? '',
      );
      const { issues } = JSON.parse(report) as {
        issues: { file: string; files?: unknown[]; exports?: { name: string }[]; dependencies?: { name: string }[] }[];
      };
      const byFile = new Map(issues.map((issue) => [issue.file, issue]));
      expect(byFile.has('server/orphan.ts')).toBe(true);
      expect(byFile.get('server/used.ts')?.exports?.map((e) => e.name)).toEqual(['unused']);
      expect(byFile.get('package.json')?.dependencies?.map((d) => d.name)).toEqual(['zod']);
      expect(byFile.has('server/index.ts')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('npm test', () => {
  it('runs lint, the format check and knip after the type check and before the build', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(scripts.lint).toBe('eslint .');
    expect(scripts['format:check']).toBe('prettier --check .');
    expect(scripts.knip).toBe('knip');
    expect(scripts.check).toBe('npm run lint && npm run format:check && npm run knip');
    const steps = scripts.test?.split(' && ') ?? [];
    expect(steps.indexOf('npm run check')).toBeGreaterThan(steps.indexOf('npm run typecheck'));
    expect(steps.indexOf('npm run check')).toBeLessThan(steps.indexOf('npm run build'));
    expect(steps.indexOf('npm run typecheck')).toBeGreaterThanOrEqual(0);
  });
});
