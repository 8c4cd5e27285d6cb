import fs from 'node:fs';
import path from 'node:path';

/**
 * The engine is imported by activities and may be bundled: its files (those index.ts re-exports) import only
 * each other — no Node built-ins, no NestJS, no database — and never read the clock or the environment.
 */
describe('the fee engine stays pure', () => {
  const index = fs.readFileSync(path.join(__dirname, 'index.ts'), 'utf8');
  const files = [...index.matchAll(/export \* from '\.\/([\w-]+)'/g)].map((m) => `${m[1]}.ts`);

  it('re-exports the engine files', () => {
    expect(files).toEqual(expect.arrayContaining(['rounding.ts', 'rate-table.ts', 'fee-engine.ts', 'contributions.ts', 'tax.ts', 'travel.ts']));
  });

  it.each(files)('%s imports only engine files and reads no clock or environment', (file) => {
    const src = fs.readFileSync(path.join(__dirname, file), 'utf8');
    const imports = [...src.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    for (const spec of imports) expect(files).toContain(`${spec.replace(/^\.\//, '')}.ts`);
    expect(src).not.toMatch(/Date\.now|new Date\(|process\.|Math\.random|require\(/);
  });
});
