// Lets a child process started by a test run the TypeScript sources, as Jest does: each .ts file
// is compiled with @swc/core on require, and ESM-style "./x.js" imports find "./x.ts".
require('../../../test/support/resolve-js-to-ts.cjs');
const fs = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: {
      target: 'es2022',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
