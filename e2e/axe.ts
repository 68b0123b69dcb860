/**
 * axe-core in the browser tests: the WCAG 2.1 A/AA rules (GB/T 37668's web requirements follow WCAG 2.0 AA; 2.1 adds
 * the mobile ones) plus the landmark and heading rules, run on the page as the user sees it. axe is evaluated through
 * the DevTools protocol, so it runs under the app's Content-Security-Policy without a script tag.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { AssertionError } from './support.ts';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const WCAG21_AA_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
/** Best-practice rules kept too: one main landmark, content inside landmarks, one h1, no skipped heading levels. */
const EXTRA_RULES = ['landmark-one-main', 'region', 'page-has-heading-one', 'heading-order'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; html: string; failureSummary: string }[];
}

declare global {
  interface Window {
    axe?: {
      getRules(tags: string[]): { ruleId: string }[];
      run(
        context: Document | Element | string,
        options: Record<string, unknown>,
      ): Promise<{ violations: AxeViolation[] }>;
    };
  }
}

/** Wait until no finite animation or transition runs (a fading drawer would be measured half transparent). */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Infinity),
    undefined,
    { timeout: 5_000 },
  );
}

/** The WCAG 2.1 AA violations on the page now (optionally only inside `include`, a CSS selector). */
export async function axeViolations(page: Page, include?: string): Promise<AxeViolation[]> {
  await settle(page);
  if (!(await page.evaluate(() => !!window.axe))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ include, tags, extra }) => {
      // One run over the WCAG rules and, for a whole page, the page-level extras (a subtree has no landmarks).
      const rules = [...window.axe!.getRules(tags).map((r) => r.ruleId), ...(include ? [] : extra)];
      const { violations } = await window.axe!.run(include ?? document, {
        runOnly: { type: 'rule', values: rules },
        resultTypes: ['violations'],
      });
      return violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
      }));
    },
    { include, tags: WCAG21_AA_TAGS, extra: EXTRA_RULES },
  );
}

export function describeViolations(where: string, violations: readonly AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${where}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.length} node(s)\n` +
        v.nodes
          .slice(0, 4)
          .map((n) => {
            // The first reason is enough to find it ("Fix any of the following:" lists every way out).
            const reason = n.failureSummary.split('\n').find((l) => l.startsWith('  ')) ?? n.failureSummary;
            return `      ${n.target.join(' ')}  ${n.html.slice(0, 200)}\n        ${reason.trim()}`;
          })
          .join('\n'),
    )
    .join('\n');
}

/** Fails on any violation, naming the page state, the rule and the first nodes. */
export async function expectAccessible(page: Page, where: string, include?: string): Promise<void> {
  const violations = await axeViolations(page, include);
  if (violations.length > 0) throw new AssertionError(`axe found violations\n${describeViolations(where, violations)}`);
}
