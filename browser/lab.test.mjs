// `bin/cartan lab` as a person uses it, in Debian's headless Chromium driven by playwright-core.
//
//   cd browser && npm ci && node --test lab.test.mjs      (bin/cartan test does this when a browser is there)
//
// Starts `bin/cartan lab` on a free port in a temporary copy of notebooks/00-quickstart.ipynb (so that
// Jupyter's autosave never writes outputs into the repository), opens the notebook with the token,
// runs every cell from the Cell menu, and checks that the PNG charts and HTML tables appear and that no
// cell shows an error. Then it types a deliberately endless cell, stops it with the toolbar's interrupt
// button, checks the kernel still answers, restarts the kernel from the Kernel menu and runs a cell in
// the fresh kernel. Screenshots go to target/browser/.
//
// Environment: CARTAN_CHROMIUM (default /usr/bin/chromium), CARTAN_LAB_NOTEBOOK (default 00-quickstart).

import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CARTAN_CHROMIUM || '/usr/bin/chromium';
const NOTEBOOK = process.env.CARTAN_LAB_NOTEBOOK || '00-quickstart';
const SHOTS = path.join(ROOT, 'target', 'browser');

// the flags a sandboxed CI machine needs; no network beyond 127.0.0.1 is ever used
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const cleanups = [];
after(async () => {
  for (const c of cleanups.reverse()) {
    try { await c(); } catch (e) { console.error('cleanup:', e.message); }
  }
});

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** Starts bin/cartan lab in its own process group; resolves with the token once the URL is printed. */
function startLab(port, dir) {
  const lab = spawn(path.join(ROOT, 'bin', 'cartan'), ['lab', '--port', String(port), '--dir', dir],
    { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  cleanups.push(async () => {
    try { process.kill(-lab.pid, 'SIGTERM'); } catch { /* already gone */ }
    await new Promise((r) => setTimeout(r, 1500));
    try { process.kill(-lab.pid, 'SIGKILL'); } catch { /* gone */ }
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no token URL from bin/cartan lab in 10 min:\n' + log)), 600_000);
    const onData = (d) => {
      log += d.toString();
      const m = log.match(new RegExp(`http://127\\.0\\.0\\.1:${port}/\\?token=([0-9a-f]+)`));
      if (m) { clearTimeout(timer); resolve({ token: m[1], log: () => log }); }
    };
    lab.stdout.on('data', onData);
    lab.stderr.on('data', onData);
    lab.on('exit', (code) => { clearTimeout(timer); reject(new Error(`bin/cartan lab exited (${code}):\n${log}`)); });
  });
}

async function kernelIdle(page, timeout) {
  await page.waitForSelector('#kernel_indicator_icon.kernel_idle_icon', { timeout });
}

/** Every code cell has run (an execution count, no '*') and the kernel is idle. */
async function allCellsRan(page, timeout) {
  await page.waitForFunction(() => {
    const cells = Jupyter.notebook.get_cells().filter((c) => c.cell_type === 'code' && c.get_text().trim() !== '');
    return cells.length > 0 && cells.every((c) => typeof c.input_prompt_number === 'number')
      && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;
  }, null, { timeout, polling: 1000 });
}

async function menu(page, menuId, itemId) {
  await page.click(`#${menuId}`);
  await page.click(`#${itemId} > a`);
}

/**
 * Types code into a new cell at the end (the empty cell Shift+Enter left there, else one inserted with
 * 'b') as a person would, runs it with Shift+Enter, and returns that cell.
 */
async function typeAndRun(page, code) {
  await page.keyboard.press('Escape');
  const lastIsEmpty = await page.evaluate(() => {
    const nb = Jupyter.notebook;
    nb.select(nb.ncells() - 1);
    const cell = nb.get_selected_cell();
    return cell.cell_type === 'code' && cell.get_text() === '';
  });
  if (!lastIsEmpty) {
    await page.keyboard.press('b');               // command mode: insert a cell below
  }
  await page.keyboard.press('Enter');             // edit mode
  await page.keyboard.type(code);
  const index = await page.evaluate(() => Jupyter.notebook.get_selected_index());
  await page.keyboard.press('Shift+Enter');       // run; on the last cell this also adds an empty one below
  return page.locator('#notebook-container > .cell').nth(index);
}

test('bin/cartan lab: run a notebook, see charts and tables, interrupt a long cell, restart the kernel', { timeout: 1_800_000 }, async () => {
  assert.ok(fs.existsSync(CHROMIUM), `no browser at ${CHROMIUM}`);
  fs.mkdirSync(SHOTS, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cartan-lab-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.copyFileSync(path.join(ROOT, 'notebooks', `${NOTEBOOK}.ipynb`), path.join(dir, `${NOTEBOOK}.ipynb`));

  const port = await freePort();
  const lab = await startLab(port, dir);

  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cartan-chromium-'));
  cleanups.push(() => fs.rmSync(profile, { recursive: true, force: true }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1280, height: 900 },
  });
  cleanups.push(() => context.close());
  const page = context.pages()[0] || await context.newPage();
  try {
    await useTheLab(page, port, lab);
  } catch (e) {
    await page.screenshot({ path: path.join(SHOTS, 'lab-failure.png'), fullPage: true }).catch(() => {});
    throw new Error(`${e.message}\n(screenshot: target/browser/lab-failure.png; lab log:\n${lab.log().slice(-3000)})`);
  }
});

async function useTheLab(page, port, lab) {
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  // open the notebook with the token, as the printed URL does
  await page.goto(`http://127.0.0.1:${port}/notebooks/${NOTEBOOK}.ipynb?token=${lab.token}`);
  await page.waitForSelector('#notebook-container .cell');
  assert.match(await page.textContent('.kernel_indicator_name'), /Java \(Cartan\)/);
  await kernelIdle(page, 180_000);

  // Cell → Run All
  await menu(page, 'celllink', 'run_all_cells');
  await allCellsRan(page, 1_200_000);
  await page.locator('.output_subarea.output_png img').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'lab-notebook.png') });

  const pngs = await page.locator('.output_subarea.output_png img').count();
  const tables = await page.locator('.output_subarea.output_html table').count();
  const errors = await page.locator('.output_subarea.output_error').allTextContents();
  assert.deepEqual(errors, [], 'no cell shows an error');
  assert.ok(pngs >= 4, `PNG charts appear (found ${pngs})`);
  assert.ok(tables >= 1, `HTML tables appear (found ${tables})`);
  const firstImage = page.locator('.output_subarea.output_png img').first();
  const { width, height } = await firstImage.evaluate((img) => ({ width: img.naturalWidth, height: img.naturalHeight }));
  assert.ok(width > 100 && height > 100, `the chart is a real picture (${width} x ${height})`);

  // a deliberately endless cell, stopped with the toolbar's interrupt button
  const endless = await typeAndRun(page, 'Thread.sleep(600000);');
  await page.waitForSelector('#kernel_indicator_icon.kernel_busy_icon', { timeout: 60_000 });
  await page.waitForTimeout(2000);
  await page.click('button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]');
  await endless.locator('.output_subarea.output_error').waitFor({ timeout: 120_000 });
  assert.match(await endless.locator('.output_subarea.output_error').textContent(), /Interrupted/);
  await kernelIdle(page, 60_000);
  const after = await typeAndRun(page, 'query0.singularValues().length');
  await after.locator('.output_subarea.output_text').waitFor({ timeout: 120_000 });
  assert.match(await after.locator('.output_subarea.output_text').textContent(), /^\s*384\s*$/, 'the kernel kept its state');
  await page.screenshot({ path: path.join(SHOTS, 'lab-interrupted.png') });

  // Kernel → Restart, confirm, and a cell in the fresh kernel
  await menu(page, 'kernellink', 'restart_kernel');
  await page.click('.modal-dialog .modal-footer button.btn-danger');
  await page.waitForSelector('.modal-dialog', { state: 'detached', timeout: 30_000 });
  await kernelIdle(page, 180_000);
  const fresh = await typeAndRun(page, 'String.join(" ", "fresh", "kernel")');
  await fresh.locator('.output_subarea.output_text').waitFor({ timeout: 180_000 });
  assert.match(await fresh.locator('.output_subarea.output_text').textContent(), /fresh kernel/);
  const gone = await typeAndRun(page, 'query0');
  await gone.locator('.output_subarea.output_error').waitFor({ timeout: 120_000 });
  assert.match(await gone.locator('.output_subarea.output_error').textContent(), /cannot find symbol/,
    'the restarted kernel has a fresh session');
  await page.screenshot({ path: path.join(SHOTS, 'lab-restarted.png') });

  assert.deepEqual(pageErrors, [], 'no JavaScript errors on the page');
  assert.equal(fs.readFileSync(path.join(ROOT, 'notebooks', `${NOTEBOOK}.ipynb`), 'utf8').includes('"output_type"'), false,
    'the repository notebook stays without outputs');
}
