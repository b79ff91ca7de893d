// One mocha config for unit, integration and e2e; bench/ is run by `npm run bench`.
module.exports = {
  'node-option': ['import=tsx'],
  spec: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
  require: ['test/setup.ts'],
  timeout: 30000,
  exit: true,
};
