import { chromium } from 'playwright-core';
const [file, prefix] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 960, height: 900 } });
await page.goto('file://' + file);
const h = await page.evaluate(() => (globalThis as any).document.body.scrollHeight);
for (let y = 0, i = 0; y < h; y += 1500, i++) {
  await page.screenshot({ path: `${prefix}-${i}.png`, fullPage: true, clip: { x: 0, y, width: 960, height: Math.min(1500, h - y) } });
}
console.log(h);
await browser.close();
