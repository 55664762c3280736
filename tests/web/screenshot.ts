/**
 * `npm run screenshot`: starts the real server on a free port, completes a conversation in headless Chromium (the
 * regional journey: No → Myself → a typed postcode) and saves docs/web-chat.png.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer } from '../../index';
import { launchBrowser, newIsolatedContext, optionButton, waitForBubble } from './browser';

async function main(): Promise<void> {
  const output = path.resolve(__dirname, '..', '..', 'docs', 'web-chat.png');
  mkdirSync(path.dirname(output), { recursive: true });
  const server = await startServer({ port: 0, env: {}, log: () => undefined });
  const launched = await launchBrowser();
  try {
    const context = await newIsolatedContext(launched.browser, { viewport: { width: 1100, height: 1900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/`);
    await waitForBubble(page, 'Is the incident happening now?');
    await optionButton(page, 'No').click();
    await waitForBubble(page, 'Are you asking for');
    await optionButton(page, 'Myself').click();
    await waitForBubble(page, 'Where are you');
    const sendBox = page.getByRole('textbox').first();
    await sendBox.fill('LS1 4AP');
    await sendBox.press('Enter');
    await waitForBubble(page, 'Yorkshire and Humber Regional Organised Crime Unit');
    await page.waitForTimeout(800); // let the transcript finish scrolling
    await page.mouse.move(0, 0);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.screenshot({ path: output });
    console.log(`saved ${path.relative(process.cwd(), output)}`);
  } finally {
    await launched.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
