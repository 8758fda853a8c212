// The harness of the browser tests (www/tests/e2e.mjs and the files it
// runs): serves www/dist/ on 127.0.0.1, starts Debian's /usr/bin/chromium
// with playwright-core, and runs each test in a fresh context (1400×1000),
// failing it on any page error. E2E_ONLY=text runs the tests whose name has it.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync, existsSync, mkdirSync } from 'node:fs';
import { join, extname, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const dist = join(here, '..', 'dist');
export const out = join(here, 'out');
export const hemma = join(here, '..', '..', 'target', 'release', 'hemma');
mkdirSync(out, { recursive: true });

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.png': 'image/png' };
const server = createServer((req, res) => {
  const path = join(dist, decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/$/, '/index.html'));
  if (!path.startsWith(dist) || !existsSync(path)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
  res.end(readFileSync(path));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
export const base = `http://127.0.0.1:${server.address().port}/`;

export const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

let passed = 0;
let failed = 0;
export async function test(name, fn) {
  if (process.env.E2E_ONLY && !name.includes(process.env.E2E_ONLY)) return; // E2E_ONLY=text runs the tests whose name has it
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await fn(page, context);
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    passed++;
    console.log(`ok - ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL - ${name}\n  ${String(e.stack ?? e).split('\n').slice(0, 4).join('\n  ')}`);
  } finally {
    await context.close();
  }
}

export const done = (page, timeout = 120000) => page.waitForFunction(() => document.body.dataset.state === 'done', null, { timeout });
export const table = (page, output) => page.$$eval(`table.data[data-output="${output}"] tbody tr`, (rows) => rows.map((r) => [...r.children].map((c) => c.dataset.value ?? c.textContent)));
export const assert = (cond, msg) => { if (!cond) throw new Error(msg); };

/**
 * Adds an instrument of `kind` to the scenario card `card` with the explicit
 * button; where the baseline has one, answers "add on top" (or `how`:
 * 'change-level' to change the baseline's level).
 */
export async function addInstrument(page, card, kind, how = 'add-on-top') {
  await page.selectOption(`${card} select.add-instrument`, kind);
  await page.click(`${card} button.add-instrument-button`);
  if (await page.$(`${card} .base-choice`)) await page.click(`${card} .base-choice button.${how}`);
}

export async function addHousingFirst(page, places = 40) {
  await page.click('#add-scenario');
  await addInstrument(page, 'fieldset.scenario[data-index="1"]', 'housing_first');
  await page.fill('fieldset.scenario[data-index="1"] [data-field="places"]', String(places));
  await page.press('fieldset.scenario[data-index="1"] [data-field="places"]', 'Enter');
  await page.click('#run');
  await done(page);
}

/** Closes the browser and the server and says how many passed; exits non-zero if any failed. */
export async function finish() {
  await browser.close();
  server.close();
  console.log(`${passed} passed, ${failed} failed`);
  // A filter that matches no test is a mistake, not a pass (the quick tier's smoke test).
  if (passed + failed === 0) console.log(`FAIL - no test's name contains E2E_ONLY=${JSON.stringify(process.env.E2E_ONLY ?? '')}`);
  process.exit(failed || passed === 0 ? 1 : 0);
}
