// The CommonJS entry (`require('scratchnet')`). scratchnet is an ES module; Node ≥ 20.19 and
// ≥ 22.12 load ES modules from require() themselves, so this hands the Node entry over. Older
// Node versions cannot: there the failure becomes one line that says what to write instead.
try {
  module.exports = require('./node.js');
} catch (error) {
  if ((error as { code?: string }).code !== 'ERR_REQUIRE_ESM') throw error;
  throw new Error(
    "scratchnet is an ES module and this Node version cannot require() one: use `import { Model } from 'scratchnet'`, " +
      "or `const { Model } = await import('scratchnet')` from CommonJS (or upgrade to Node ≥ 20.19, which can)",
  );
}
