// The gallery (target/site, written by `bin/cartan notebooks`) as a teacher's students see it, in
// Debian's headless Chromium: offline (every request stays under file://), one card per notebook with a
// loaded thumbnail, a statement and check counts; a notebook page with its contents and its checks beside
// the cells; no horizontal scrolling on a phone. Screenshots: target/site/screenshot-index.png,
// screenshot-notebook.png, screenshot-phone.png.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SITE = path.join(ROOT, 'target', 'site');
const CHROMIUM = process.env.CARTAN_CHROMIUM || '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function browse(viewport, fn) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cartan-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport });
  try {
    const page = context.pages()[0] || await context.newPage();
    const outside = [];
    page.on('request', (r) => { if (!r.url().startsWith('file://') && !r.url().startsWith('data:')) outside.push(r.url()); });
    await fn(page);
    assert.deepEqual(outside, [], 'the gallery loads nothing from the network');
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

test('the gallery: cards with thumbnails and counts, pages with contents and checks beside cells, phone-sized', async (t) => {
  if (!fs.existsSync(path.join(SITE, 'index.html'))) {
    t.skip('no target/site/index.html: run bin/cartan notebooks first');
    return;
  }
  const notebooks = fs.readdirSync(path.join(ROOT, 'target', 'notebooks')).filter((f) => f.endsWith('.ipynb'));
  let firstPage = null;

  await browse({ width: 1280, height: 900 }, async (page) => {
    await page.goto(pathToFileURL(path.join(SITE, 'index.html')).href);
    const cards = page.locator('article.card');
    assert.equal(await cards.count(), notebooks.length, 'one card per executed notebook');
    for (let i = 0; i < await cards.count(); i++) {
      const card = cards.nth(i);
      const name = await card.locator('h2').textContent();
      assert.ok((await card.locator('p.statement').textContent()).trim().length > 20, `${name}: a statement`);
      assert.ok(await card.locator('.badge').count() >= 1, `${name}: check counts`);
      const img = card.locator('.thumb img');
      if (await img.count()) {
        await img.scrollIntoViewIfNeeded();
        // loading="lazy": scrolling into view starts the load; wait for it (a lazily loaded last card was
        // still in flight when this read el.complete at once)
        const ok = await img.evaluate((el) => (el.complete && el.naturalWidth > 0)
          ? el.naturalWidth > 50
          : new Promise((resolve) => {
            el.addEventListener('load', () => resolve(el.naturalWidth > 50), { once: true });
            el.addEventListener('error', () => resolve(false), { once: true });
            setTimeout(() => resolve(el.complete && el.naturalWidth > 50), 10000);
          }));
        assert.ok(ok, `${name}: the thumbnail loads`);
      }
    }
    assert.ok(await page.locator('.card .thumb img').count() >= notebooks.length - 2, 'nearly every notebook has a lead figure');
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(SITE, 'screenshot-index.png') });
    firstPage = await cards.first().locator('h2 a').getAttribute('href');
  });

  await browse({ width: 1400, height: 1000 }, async (page) => {
    await page.goto(pathToFileURL(path.join(SITE, firstPage)).href);
    await page.waitForTimeout(500); // KaTeX renders after load
    const toc = page.locator('nav.toc a');
    assert.ok(await toc.count() >= 2, 'a table of contents');
    const target = (await toc.nth(1).getAttribute('href')).slice(1);
    assert.equal(await page.locator(`[id="${target}"]`).count(), 1, 'contents entries point at headings');
    const beside = page.locator('section.cell aside.checks .check');
    assert.ok(await beside.count() >= 1, 'checks shown beside cells');
    const cell = page.locator('section.cell:has(aside.checks)').first();
    const [content, aside] = await Promise.all([cell.locator('.content').boundingBox(), cell.locator('aside.checks').boundingBox()]);
    assert.ok(aside.x > content.x + content.width - 1, 'on a wide screen the checks sit to the right of their cell');
    assert.ok(await page.locator('.katex').count() > 0 || !fs.existsSync(path.join(SITE, 'assets', 'katex')), 'formulas rendered');
    await cell.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SITE, 'screenshot-notebook.png') });
  });

  await browse({ width: 390, height: 844 }, async (page) => {
    for (const f of ['index.html', firstPage]) {
      await page.goto(pathToFileURL(path.join(SITE, f)).href);
      await page.waitForTimeout(500);
      const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      assert.ok(scroll <= width, `${f} fits a phone's width (${scroll} > ${width})`);
    }
    await page.goto(pathToFileURL(path.join(SITE, 'index.html')).href);
    await page.screenshot({ path: path.join(SITE, 'screenshot-phone.png') });
  });
});
