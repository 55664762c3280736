/**
 * `npm run phone-check`: how fast the chat page gets someone on a phone to the right number, measured in headless
 * Chromium (Debian's, driven by playwright-core) on a throttled phone profile:
 *   390×844 (touch, device scale 2), network 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip
 *   (CDP Network.emulateNetworkConditions), CPU slowed 4× (CDP Emulation.setCPUThrottlingRate), cold cache.
 *
 * Each run opens the page and prints, in milliseconds from the start of navigation:
 *   - urgent numbers visible: the first paint of the urgent numbers (Element Timing on "Anyone in danger? Call 999"),
 *   - first question answerable: its answer buttons painted and in view (the later of the question's Element Timing
 *     and the first animation frame with the "Yes" button laid out in the viewport),
 *   - live-attack outcome after two taps: "Yes" tapped as soon as it is answerable, then "An organisation" as soon as
 *     it appears, until the outcome's lead line ("Call Report Fraud now…") is inside the viewport,
 * and the page weight before the first paint (bytes transferred, headers included, for every response that ended
 * before first-contentful-paint). Median of 5 runs (--runs=N), against budgets of 1.0 s, 1.5 s and 2.5 s; exits 1
 * when a median is over budget.
 */
import { chromium } from 'playwright-core';
import { startServer } from '../index';
import { CHROMIUM_ARGS, CHROMIUM_PATH, newIsolatedContext } from '../tests/web/browser';

const args = new Map(
  process.argv.slice(2).map((arg) => {
    const [key, value] = arg.replace(/^--/, '').split('=');
    return [key, value ?? 'true'] as const;
  }),
);
const RUNS = Number(args.get('runs') ?? 5);

export const PHONE_PROFILE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  downloadBitsPerSecond: 1.6e6,
  uploadBitsPerSecond: 750e3,
  latencyMs: 150,
  cpuSlowdown: 4,
};

const BUDGETS = { urgentVisible: 1000, questionAnswerable: 1500, liveOutcome: 2500 };

interface Run {
  urgentVisible: number;
  questionAnswerable: number;
  liveOutcome: number;
  weightBytes: number;
  weightDecodedBytes: number;
  weightByFile: Array<{ name: string; bytes: number }>;
  /** Whether the page's script answered the taps in place, or (tapped before it ran) the form loaded a new page. */
  tapsAnswered: 'in place' | 'by a page load';
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * What the page records about itself: Element Timing entries, paints, and the first animation frame in which each
 * watched element is laid out inside the viewport. Plain JavaScript in a string: a compiled function would carry
 * the TypeScript runner's helpers, which the page does not have.
 */
const RECORDER = `
(() => {
  const phone = (window.__phone = { elements: {}, paints: {}, inView: {} });
  const watch = ${JSON.stringify(['#triage-step .message--question [data-action="answerHappening"]', '#triage-step .message--outcome .message__lead'])};
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!(entry.identifier in phone.elements)) phone.elements[entry.identifier] = entry.renderTime || entry.loadTime;
    }
  }).observe({ type: 'element', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) phone.paints[entry.name] = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
  function inViewport(element) {
    if (!element) return false;
    const box = element.getBoundingClientRect();
    return box.height > 0 && box.width > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
  }
  function frame(time) {
    for (const selector of watch) {
      if (!(selector in phone.inView) && inViewport(document.querySelector(selector))) phone.inView[selector] = time;
    }
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
})();
`;

async function measure(url: string, browser: Awaited<ReturnType<typeof chromium.launch>>): Promise<Run> {
  const context = await newIsolatedContext(browser, {
    viewport: PHONE_PROFILE.viewport,
    deviceScaleFactor: PHONE_PROFILE.deviceScaleFactor,
    isMobile: true,
    hasTouch: true,
  });
  try {
    await context.addInitScript({ content: RECORDER });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PHONE_PROFILE.latencyMs,
      downloadThroughput: PHONE_PROFILE.downloadBitsPerSecond / 8,
      uploadThroughput: PHONE_PROFILE.uploadBitsPerSecond / 8,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE_PROFILE.cpuSlowdown });

    const answerButton = '#triage-step .message--question [data-action="answerHappening"]';
    const lead = '#triage-step .message--outcome .message__lead';
    type Phone = { elements: Record<string, number>; paints: Record<string, number>; inView: Record<string, number> };
    await page.goto(url, { waitUntil: 'commit' });
    // The first screen: read before the first tap, which may navigate (a tap before the page's script has run is a
    // plain form post; the answer then comes back as a new page, and the clock runs on from the first one).
    await page.waitForFunction(
      (selector) => {
        const phone = (window as unknown as { __phone?: Phone }).__phone;
        return !!phone && selector in phone.inView && 'urgent-numbers' in phone.elements;
      },
      answerButton,
      { timeout: 20_000, polling: 'raf' },
    );
    const first = await page.evaluate(() => {
      const phone = (window as unknown as { __phone: Phone }).__phone;
      const fcp = phone.paints['first-contentful-paint'] ?? Infinity;
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const resources = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((entry) => entry.responseEnd <= fcp);
      const files = [navigation, ...resources].map((entry) => ({ name: new URL(entry.name).pathname, bytes: entry.transferSize, decoded: entry.decodedBodySize }));
      return { phone: JSON.parse(JSON.stringify(phone)) as Phone, origin: performance.timeOrigin, files };
    });
    const step = page.locator('#triage-step');
    await step.getByRole('button', { name: 'Yes', exact: true }).tap({ timeout: 20_000 });
    await step.getByRole('button', { name: 'An organisation', exact: true }).tap({ timeout: 20_000 });
    await page.waitForFunction((selector) => selector in ((window as unknown as { __phone?: Phone }).__phone?.inView ?? {}), lead, { timeout: 20_000 });
    const last = await page.evaluate((selector) => ({ at: (window as unknown as { __phone: Phone }).__phone.inView[selector], origin: performance.timeOrigin }), lead);
    return {
      urgentVisible: first.phone.elements['urgent-numbers'],
      questionAnswerable: Math.max(first.phone.elements.question ?? 0, first.phone.inView[answerButton]),
      liveOutcome: last.origin + last.at - first.origin,
      weightBytes: first.files.reduce((sum, file) => sum + file.bytes, 0),
      weightDecodedBytes: first.files.reduce((sum, file) => sum + file.decoded, 0),
      weightByFile: first.files.map((file) => ({ name: file.name, bytes: file.bytes })),
      tapsAnswered: last.origin === first.origin ? 'in place' : 'by a page load',
    };
  } finally {
    await context.close();
  }
}

function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

async function main(): Promise<void> {
  const server = await startServer({ port: 0, env: {}, log: () => undefined });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, timeout: 30_000 });
  try {
    // A server that has served the page before: its compressed files are ready (as on any server in use).
    for (const path of ['/', '/chat.js']) await fetch(`${server.url}${path}`, { headers: { 'Accept-Encoding': 'br, gzip' } });
    const html = await (await fetch(`${server.url}/`)).text();
    for (const [, asset] of html.matchAll(/(?:src|href)="(\/[^"]+)"/g)) {
      await fetch(`${server.url}${asset}`, { headers: { 'Accept-Encoding': 'br, gzip' } });
    }

    // One run first, not counted: a phone's browser has been started before (fonts, caches of the browser itself).
    await measure(`${server.url}/`, browser);
    const runs: Run[] = [];
    for (let run = 1; run <= RUNS; run++) {
      const result = await measure(`${server.url}/`, browser);
      runs.push(result);
      console.log(
        `run ${run}: urgent numbers ${ms(result.urgentVisible)}, question answerable ${ms(result.questionAnswerable)}, ` +
          `live-attack outcome ${ms(result.liveOutcome)} (taps answered ${result.tapsAnswered}), ${kb(result.weightBytes)} before first paint`,
      );
    }

    const p = PHONE_PROFILE;
    console.log(
      `\nphone-check: ${p.viewport.width}×${p.viewport.height}, ${p.downloadBitsPerSecond / 1e6} Mbit/s down, ` +
        `${p.uploadBitsPerSecond / 1e3} kbit/s up, ${p.latencyMs} ms round trip, CPU ${p.cpuSlowdown}× slower, cold cache; median of ${RUNS}`,
    );
    const rows: Array<[string, keyof typeof BUDGETS]> = [
      ['urgent numbers visible', 'urgentVisible'],
      ['first question answerable', 'questionAnswerable'],
      ['live-attack outcome after two taps', 'liveOutcome'],
    ];
    let failed = false;
    for (const [label, key] of rows) {
      const values = runs.map((run) => run[key]);
      const value = median(values);
      const ok = Number.isFinite(value) && value <= BUDGETS[key];
      failed ||= !ok;
      console.log(
        `${label.padEnd(36)} ${ms(value).padStart(8)}  (budget ${ms(BUDGETS[key])}, ${ok ? 'ok' : 'OVER'})  runs: ${values.map((v) => Math.round(v)).join(', ')}`,
      );
    }
    const weights = runs.map((run) => run.weightBytes);
    const typical = runs[runs.findIndex((run) => run.weightBytes === median(weights))] ?? runs[0];
    console.log(
      `${'page weight before first paint'.padEnd(36)} ${kb(median(weights)).padStart(8)}  transferred (${kb(typical.weightDecodedBytes)} uncompressed): ` +
        typical.weightByFile.map((file) => `${file.name} ${kb(file.bytes)}`).join(', ') +
        `; runs: ${weights.map(kb).join(', ')} (more when the deferred scripts arrive before the first paint)`,
    );
    if (failed) process.exitCode = 1;
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
