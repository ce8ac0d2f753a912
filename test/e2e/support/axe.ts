import fs from 'node:fs';
import path from 'node:path';
import type { AxeResults, ImpactValue, RunOptions } from 'axe-core';
import type { Page } from 'playwright-core';
import type { BrowserGlobals } from './browser-globals';

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** RGAA 4 maps onto WCAG 2.1 A and AA; best practices and AAA rules are left out on purpose. */
const RUN_OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  resultTypes: ['violations'],
};
const BLOCKING: ImpactValue[] = ['serious', 'critical'];
/** Every finding of every check, the minor and moderate ones included, for CI to keep. */
export const A11Y_RESULTS_DIR = path.resolve(__dirname, '../../../test-results/a11y');

/**
 * A finding that is wrong for one element, with the reason. It silences that one rule on the
 * elements matching `selector` only; the rule keeps running everywhere else.
 */
export interface AxeWaiver {
  rule: string;
  selector: string;
  reason: string;
}

interface Finding {
  id: string;
  impact: ImpactValue | undefined;
  help: string;
  helpUrl: string;
  targets: string[];
}

/**
 * Runs axe-core in the page as it is now, and fails with a readable list when any WCAG 2.1 A/AA
 * rule finds a serious or critical violation. Call it once the page's content has loaded.
 */
export async function expectNoSeriousA11yViolations(page: Page, where: string, waivers: AxeWaiver[] = []): Promise<void> {
  // Evaluated rather than added as a <script>: the app's CSP refuses inline scripts, and its
  // refusal would show up as a console error in the tests that watch for them.
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(axeSource);
  const findings = await page.evaluate(
    async ({ options, waivers }) => {
      const { axe, document } = globalThis as unknown as BrowserGlobals & { axe: { run(context: unknown, options: unknown): Promise<AxeResults> } };
      const results = await axe.run(document, options);
      const waived = (rule: string, target: unknown[]) => {
        const selector = target.at(-1);
        const element = typeof selector === 'string' ? document.querySelector(selector) : null;
        return element !== null && waivers.some((waiver) => waiver.rule === rule && element.matches(waiver.selector));
      };
      return results.violations.map((violation) => ({
        id: violation.id,
        impact: violation.impact,
        help: violation.help,
        helpUrl: violation.helpUrl,
        targets: violation.nodes
          .filter((node) => !waived(violation.id, node.target as unknown[]))
          .map((node) => node.target.map(String).join(' >>> ')),
      }));
    },
    { options: RUN_OPTIONS, waivers },
  );

  fs.mkdirSync(A11Y_RESULTS_DIR, { recursive: true });
  const file = `${where.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}.json`;
  fs.writeFileSync(path.join(A11Y_RESULTS_DIR, file), JSON.stringify({ url: page.url(), findings }, null, 2));

  const blocking = findings.filter((finding) => BLOCKING.includes(finding.impact ?? null) && finding.targets.length > 0);
  if (blocking.length > 0) throw new Error(describe(where, page.url(), blocking));
}

function describe(where: string, url: string, findings: Finding[]): string {
  const lines = [`axe-core: ${findings.length} serious or critical violation(s) on ${where} (${url})`];
  for (const finding of findings) {
    lines.push(`- ${finding.id} [${finding.impact}] ${finding.help}`, `  ${finding.helpUrl}`);
    for (const target of finding.targets.slice(0, 10)) lines.push(`    ${target}`);
    if (finding.targets.length > 10) lines.push(`    … and ${finding.targets.length - 10} more`);
  }
  return lines.join('\n');
}
