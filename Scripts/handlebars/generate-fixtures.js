#!/usr/bin/env node
// Renders every case in cases.json with the real handlebars.js 4.7.7 and writes the expected
// outputs to Tests/HandlebarsTests/Fixtures/conformance.json.
//
//   node Scripts/handlebars/generate-fixtures.js [path/to/handlebars.js]
//
// Each case: { name, template, context, mode?: "html" | "none", divergence?: "why" }.
// mode "html" compiles with handlebars' defaults; "none" with { noEscape: true }.
// The only helper registered beyond handlebars' own is `raw` (options.fn(this)), which the Swift
// engine ships as a builtin for {{{{raw}}}} blocks.
'use strict';
const fs = require('fs');
const path = require('path');

const handlebarsPath = process.argv[2] || '/usr/share/javascript/handlebars/handlebars.js';
const Handlebars = require(handlebarsPath);
if (Handlebars.VERSION !== '4.7.7') {
  console.error(`expected handlebars 4.7.7, got ${Handlebars.VERSION}`);
  process.exit(1);
}

// handlebars.js warns on console about prototype access; the warning is not part of the output.
console.warn = () => {};
console.error = () => {};
const report = console.log;

const root = path.resolve(__dirname, '..', '..');
const cases = JSON.parse(fs.readFileSync(path.join(__dirname, 'cases.json'), 'utf8'));
const names = new Set();
const results = [];
for (const testCase of cases) {
  if (names.has(testCase.name)) throw new Error(`duplicate case name ${testCase.name}`);
  names.add(testCase.name);
  const mode = testCase.mode || 'html';
  const env = Handlebars.create();
  env.registerHelper('raw', function (options) { return options.fn(this); });
  // Silence `log` and prototype-access warnings.
  env.log = function () {};
  env.logger.log = function () {};
  const result = { name: testCase.name, template: testCase.template, context: testCase.context, mode };
  if (testCase.divergence) result.divergence = testCase.divergence;
  try {
    const template = env.compile(testCase.template, { noEscape: mode === 'none' });
    result.expected = template(testCase.context);
  } catch (error) {
    result.throws = true;
    result.error = String(error && error.message ? error.message : error).split('\n')[0];
  }
  results.push(result);
}

const out = path.join(root, 'Tests', 'HandlebarsTests', 'Fixtures', 'conformance.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ generator: 'handlebars.js ' + Handlebars.VERSION, cases: results }, null, 1) + '\n');
const thrown = results.filter((r) => r.throws).length;
report(`wrote ${results.length} cases (${thrown} expected to throw) to ${path.relative(root, out)}`);
