// Screenshots the silo's web page after tagging one clip: node web-page-screenshot.js PLAYWRIGHT_PACKAGE URL CLIP OUT.png
// Run by web-page-screenshot.sh with the node and playwright-core package that Microsoft.Playwright ships (copied
// into the FrontDoor tests' build output), driving Debian's chromium, so nothing is downloaded.
'use strict';

const [packageDir, url, clip, out] = process.argv.slice(2);
const { chromium } = require(packageDir);

(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.setDefaultTimeout(120000);
    await page.goto(url);
    await page.waitForSelector('body[data-state=idle]');
    // Twice: the first request of a fresh silo also warms its batchers; the second is the steady state shown.
    for (let i = 0; i < 2; i++) {
      const started = Date.now();
      await page.evaluate(() => { document.body.dataset.state = 'idle'; });
      await page.getByLabel('WAV file').setInputFiles([]);
      await page.getByLabel('WAV file').setInputFiles(clip);
      await page.waitForSelector('body[data-state=done], body[data-state=error]');
      const state = await page.evaluate(() => document.body.dataset.state);
      if (state !== 'done') throw new Error(`the page shows an error: ${await page.locator('#error').textContent()}`);
      console.log(`tagged ${clip} in ${Date.now() - started} ms`);
    }
    await page.screenshot({ path: out, fullPage: true });
  } finally {
    await browser.close();
  }
})().catch(e => { console.error(e); process.exit(1); });
