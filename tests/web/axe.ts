import type { Page } from 'playwright-core';

export interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  incomplete: { id: string; impact: string | null; nodes: unknown[] }[];
  passes: unknown[];
}

/** Runs axe-core (WCAG 2.0–2.2 A/AA and best practice) on the page as it is (the page must allow the injection). */
export async function axeScan(page: Page, label: string): Promise<AxeResult> {
  await page.addScriptTag({ path: require.resolve('axe-core') });
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResult> } }).axe;
    const run = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
    });
    const brief = (items: AxeResult['violations']) =>
      items.map((item) => ({ id: item.id, impact: item.impact, help: item.help, nodes: item.nodes.map((node) => ({ target: node.target })) }));
    return { violations: brief(run.violations), incomplete: brief(run.incomplete as AxeResult['violations']), passes: run.passes.map(() => 0) };
  });
  // The summary is for a person looking into the page's accessibility (AXE_REPORT=1); the tests assert on the result.
  // eslint-disable-next-line no-console
  if (process.env.AXE_REPORT) console.log(
    `axe (${label}): ${result.passes.length} rules passed; violations: ${JSON.stringify(result.violations.map((v) => `${v.id} (${v.impact}, ${JSON.stringify(v.nodes.map((n) => n.target))})`))}; ` +
      `needs review: ${JSON.stringify(result.incomplete.map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`))}`,
  );
  return result;
}
