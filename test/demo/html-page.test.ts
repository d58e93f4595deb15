// The demo's HTML page, opened in real headless Chromium (Debian's `chromium` package).
// Nothing is installed from here: on a machine without /usr/bin/chromium the test is skipped
// and says why; CI installs the package.

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { renderConversationHtml } from '../../src/demo/render/page.ts';
import { runDemo } from '../../src/demo/run.ts';
import { NAMES, sampleEntries } from './fixtures.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const SKIP_REASON = `skipped: ${CHROMIUM} is missing (install Debian's "chromium" package to run it)`;
if (!hasChromium) console.warn(`The demo page's browser test is ${SKIP_REASON}.`);

// The machine has no network: nothing in Chromium should try to reach one.
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const HOSTILE_NAME = 'Ada <script>window.__pwned = true</script><img src=x onerror="window.__pwned = true"> Lovelace';

describe.skipIf(!hasChromium)(`the demo conversation page in headless Chromium${hasChromium ? '' : ` (${SKIP_REASON})`}`, () => {
  let browser: Browser;
  let page: Page;
  let dir: string;
  let requests: string[];

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    dir = mkdtempSync(join(tmpdir(), 'handoff-demo-page-'));
    const htmlPath = join(dir, 'demo.html');
    writeFileSync(htmlPath, renderConversationHtml(sampleEntries(HOSTILE_NAME), {
      names: NAMES,
      footer: 'Connect a real workspace: `npm start`',
    }));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    requests = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(htmlPath).href);
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('takes a full-page screenshot that is a real PNG of a plausible size', async () => {
    const file = join(dir, 'demo.png');
    await page.screenshot({ path: file, fullPage: true });
    const png = readFileSync(file);
    expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(statSync(file).size).toBeGreaterThan(30_000);
    // IHDR: width and height are the first two big-endian words after the chunk header.
    expect(png.readUInt32BE(16)).toBe(1000);
    expect(png.readUInt32BE(20)).toBeGreaterThan(900);
  });

  it("shows the lead DM's header, the lead's name and the three buttons on screen", async () => {
    const dm = page.locator('.window', { hasText: 'Direct message' }).first();
    const header = dm.locator('.b-header');
    await expect.poll(() => header.isVisible()).toBe(true);
    expect(await header.textContent()).toBe(`New lead: ${HOSTILE_NAME}`);
    for (const label of ['Accept', 'Hot — pause emails', 'Not qualified']) {
      const button = dm.getByRole('button', { name: label, exact: true });
      expect(await button.isVisible()).toBe(true);
      const box = await button.boundingBox();
      expect(box && box.width > 20 && box.height > 10).toBe(true);
    }
    expect(await dm.locator('.app-name').first().textContent()).toBe('Handoff');
    expect(await dm.locator('.badge').first().textContent()).toBe('APP');
  });

  it('draws Accept green and Hot red, as Slack styles primary and danger buttons', async () => {
    const colour = (label: string) => page.getByRole('button', { name: label, exact: true }).first().evaluate((el) => (globalThis as any).getComputedStyle(el).backgroundColor);
    expect(await colour('Accept')).toBe('rgb(0, 122, 90)');
    expect(await colour('Hot — pause emails')).toBe('rgb(224, 30, 90)');
    expect(await colour('Not qualified')).toBe('rgb(255, 255, 255)');
  });

  it('shows a <script> in a lead name as text and never runs it', async () => {
    expect(await page.evaluate(() => (globalThis as any).__pwned)).toBeUndefined();
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await page.getByText('<script>window.__pwned = true</script>', { exact: false }).first().isVisible()).toBe(true);
  });

  it('marks the ephemeral answer as only visible to you and shows the modal as a dialog', async () => {
    expect(await page.getByText('Only visible to you').isVisible()).toBe(true);
    const dialog = page.getByRole('dialog', { name: 'Not qualified' });
    expect(await dialog.isVisible()).toBe(true);
    expect(await dialog.getByRole('button', { name: 'Reject lead' }).isVisible()).toBe(true);
    expect(await dialog.getByText('Reason', { exact: true }).isVisible()).toBe(true);
  });

  it('loads nothing from anywhere: the page is self-contained', async () => {
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
  });
});

describe.skipIf(!hasChromium)(`the page \`handoff demo --html\` writes, in headless Chromium${hasChromium ? '' : ` (${SKIP_REASON})`}`, () => {
  let browser: Browser;
  let page: Page;
  let dir: string;

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    dir = mkdtempSync(join(tmpdir(), 'handoff-demo-html-'));
    const file = join(dir, 'demo.html');
    const quiet = { write: () => true };
    expect(await runDemo(['--html', file], { out: quiet, err: quiet })).toBe(0);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.goto(pathToFileURL(file).href);
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("renders the rep's DM about the lead with its three answer buttons", async () => {
    const dm = page.locator('.window', { hasText: 'Direct message' }).filter({ hasText: 'Ada Lovelace' }).filter({ has: page.getByRole('button', { name: 'Accept' }) }).first();
    expect(await dm.isVisible()).toBe(true);
    for (const label of ['Accept', 'Hot — pause emails', 'Not qualified']) {
      const button = dm.getByRole('button', { name: label }).first();
      expect(await button.isVisible(), label).toBe(true);
      const box = await button.boundingBox();
      expect(box && box.width > 20 && box.height > 10).toBe(true);
    }
    const file = join(dir, 'demo.png');
    await dm.screenshot({ path: file });
    expect(readFileSync(file).subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(file).size).toBeGreaterThan(20_000);
  });

  it("puts the answer buttons of the first lead's DM within its first 800 px on a 390 px phone", async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    try {
      await phone.goto(pathToFileURL(join(dir, 'demo.html')).href);
      const message = phone.locator('.message', { hasText: 'Ada Lovelace' }).filter({ has: phone.getByRole('button', { name: 'Accept' }) }).first();
      const top = (await message.boundingBox())!.y;
      for (const label of ['Accept', 'Hot — pause emails', 'Not qualified']) {
        const box = (await message.getByRole('button', { name: label }).first().boundingBox())!;
        expect(box.y + box.height - top, label).toBeLessThanOrEqual(800);
        expect(box.x + box.width, label).toBeLessThanOrEqual(390);
      }
      await message.screenshot({ path: join(dir, 'phone.png') });
    } finally {
      await phone.close();
    }
  });
});
