// Lets a plain `node` process or thread run the project's TypeScript (the test worker process, the PDF render thread):
// each .ts file is transpiled on load, like ts-jest does for the tests. Used only when running from TypeScript
// sources (tests, benchmarks from ts); the built application (dist/) is JavaScript and never loads it.
const fs = require('node:fs');
const ts = require('typescript');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
  resolveJsonModule: true,
  sourceMap: false,
};

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
