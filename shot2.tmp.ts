import { chromium } from 'playwright-core';
const [file, out] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu','--disable-quic','--no-first-run','--disable-background-networking','--disable-component-update','--disable-sync'] });
const page = await browser.newPage({ viewport: { width: 960, height: 900 } });
await page.goto('file://' + file);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
