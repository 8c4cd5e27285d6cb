import type { ESLint } from 'eslint';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The lint rules that keep the layout (docs/CONVENTIONS.md, "Layout") bite: each fixture in test/lint-fixtures breaks
 * one rule on purpose and is linted with the project's own eslint.config.mjs. (`npm run lint` ignores the fixtures.)
 */
const root = join(__dirname, '..');
const fixture = (p: string) => join(root, 'test/lint-fixtures', p);

/** The 1-based line of the first line of a fixture that contains `text`. */
function lineOf(file: string, text: string): number {
  const i = readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`"${text}" is not in ${file}`);
  return i + 1;
}

describe('lint rules (eslint.config.mjs)', () => {
  let results: Map<string, ESLint.LintResult>;

  beforeAll(async () => {
    const files = ['workflows/imports-src.workflow.ts', 'src/widgets/widgets.service.ts', 'src/widgets/widgets.controller.ts', 'src/widgets/widgets.repository.ts'];
    // ESLint's Node API in a child process (its config is an ES module, which jest's module system cannot load);
    // `ignore: false`: the fixtures are ignored by the normal lint run, not here.
    const script = `
      import { ESLint } from 'eslint';
      const eslint = new ESLint({ cwd: process.cwd(), ignore: false });
      process.stdout.write(JSON.stringify(await eslint.lintFiles(JSON.parse(process.argv[1]))));`;
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(files.map(fixture))], { cwd: root, maxBuffer: 1 << 24 }, (e, stdout, stderr) =>
        e ? reject(new Error(`${e.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    const linted: ESLint.LintResult[] = JSON.parse(out);
    results = new Map(linted.map((r) => [r.filePath, r]));
  });

  const errors = (p: string) => (results.get(fixture(p))?.messages ?? []).map((m) => ({ rule: m.ruleId, line: m.line }));

  it('refuses an import of src/ from a workflow', () => {
    const f = 'workflows/imports-src.workflow.ts';
    expect(errors(f)).toEqual([{ rule: 'no-restricted-imports', line: lineOf(fixture(f), "from '../../../src/common/errors'") }]);
  });

  it('refuses SQL in a service (a `.query(` and a query builder), not a Temporal workflow query', () => {
    const f = 'src/widgets/widgets.service.ts';
    expect(errors(f)).toEqual([
      { rule: 'medverkan/sql-in-repositories', line: lineOf(fixture(f), 'await this.ds.query(') },
      { rule: 'medverkan/sql-in-repositories', line: lineOf(fixture(f), '.createQueryBuilder()') },
    ]);
  });

  it('refuses a controller that imports a repository', () => {
    const f = 'src/widgets/widgets.controller.ts';
    expect(errors(f)).toEqual([{ rule: 'no-restricted-imports', line: lineOf(fixture(f), "from './widgets.repository'") }]);
  });

  it('lets a repository hold SQL', () => {
    expect(results.get(fixture('src/widgets/widgets.repository.ts'))?.messages).toEqual([]);
  });
});
