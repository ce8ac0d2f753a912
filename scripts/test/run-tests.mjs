#!/usr/bin/env node
// Runs the whole Jest suite, then says plainly what passed, failed and was skipped (and why).
// With CI=true a skipped test is a failure: CI must run everything.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const resultsDir = path.join(root, 'test-results');
const resultsFile = path.join(resultsDir, 'jest.json');
fs.mkdirSync(resultsDir, { recursive: true });
fs.rmSync(resultsFile, { force: true });

const jestBin = path.join(root, 'node_modules/jest/bin/jest.js');
const args = [jestBin, '--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)];
const run = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });

if (!fs.existsSync(resultsFile)) {
  console.error('Jest wrote no results: it did not run.');
  process.exit(run.status || 1);
}
const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
const skippedByReason = new Map();
for (const file of results.testResults) {
  for (const test of file.assertionResults) {
    if (test.status !== 'pending' && test.status !== 'skipped' && test.status !== 'todo') continue;
    const title = [...test.ancestorTitles, test.title].join(' › ');
    const reason = /\(([^)]*skipped[^)]*)\)/.exec(title)?.[1] ?? 'skipped in the test itself';
    skippedByReason.set(reason, (skippedByReason.get(reason) ?? 0) + 1);
  }
}
const passed = results.numPassedTests;
const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
const skipped = results.numPendingTests + results.numTodoTests;

console.log('');
for (const [reason, count] of skippedByReason) console.log(`skipped ${count} tests: ${reason}`);
const ciSkipFailure = process.env.CI === 'true' && skipped > 0;
if (ciSkipFailure) console.log('CI=true: nothing may be skipped, so these skips fail the run.');
console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || !results.success || ciSkipFailure ? 1 : 0);
