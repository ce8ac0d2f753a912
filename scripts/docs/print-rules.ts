/**
 * Rewrites the README's authorisation table from the route table:
 *   npm run docs:rules             rewrite it
 *   npm run docs:rules -- --check  exit 1 if it is out of date
 */
import fs from 'node:fs';
import { README, currentRouteTable, readReadme, renderRulesSection, withRulesSection } from './rules-table';

const readme = readReadme();
const updated = withRulesSection(readme, renderRulesSection(currentRouteTable()));

if (process.argv.includes('--check')) {
  if (updated !== readme) {
    console.error('The authorisation table in README.md is out of date: run npm run docs:rules');
    process.exit(1);
  }
  console.log('The authorisation table in README.md is up to date.');
} else if (updated === readme) {
  console.log('README.md: the authorisation table was already up to date.');
} else {
  fs.writeFileSync(README, updated);
  console.log('README.md: authorisation table rewritten.');
}
