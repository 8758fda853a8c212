// Benchmark: the same scenario natively (`hemma run --threads 1`) and as
// WebAssembly in headless Chromium (the Runner the dashboard's worker uses,
// one replication after another on one thread), in one run; prints the wall
// times, the Wasm/native ratio, and the time from opening the dashboard to
// its first chart at default settings. Not a test: timings are reported,
// never asserted.
//
//   node tests/bench.mjs [replications=20] [scale=1]     (after npm run build and cargo build --release)
//
// The scenario is Göteborg at full scale (about 526,000 residents), 10 years.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { readFileSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, extname, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { tmpdir, cpus } from 'node:os';

const here = dirname(fileURLToPath(import.meta.url));
const www = join(here, '..');
const hemma = join(www, '..', 'target', 'release', 'hemma');
const reps = Number(process.argv[2] ?? 20);
const scale = Number(process.argv[3] ?? 1);
const scenario = `name = "Göteborg, benchmark"\npreset = "goteborg"\nscale = ${scale}\nstart_year = 2011\nhorizon_months = 120\nseed = 1\nreplications = ${reps}\n`;

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };
const server = createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  const path = url.startsWith('/pkg/') ? join(www, 'src', url) : join(www, 'dist', url === '/' ? 'index.html' : url);
  if (!existsSync(path)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
  res.end(readFileSync(path));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}/`;

// Native, one thread.
const dir = mkdtempSync(join(tmpdir(), 'hemma-bench-'));
writeFileSync(join(dir, 'goteborg.toml'), scenario);
let t = performance.now();
const cli = execFileSync(hemma, ['run', join(dir, 'goteborg.toml'), '--threads', '1', '--fingerprint', '--quiet', '--out', join(dir, 'out')], { encoding: 'utf8' });
const native = (performance.now() - t) / 1000;
const nativeFp = /fingerprint 0 ([0-9a-f]{16})/.exec(cli)[1];

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const page = await browser.newPage();
await page.goto(base + 'pkg/hemma.js');
const wasm = await page.evaluate(async ({ text, reps }) => {
  const m = await import('/pkg/hemma.js');
  await m.default();
  const r = new m.Runner(text, 'bench');
  const t0 = performance.now();
  let fp = '';
  for (let k = 0; k < reps; k++) {
    r.begin(k);
    while (!r.step(12)) { /* a year per call, as a worker would */ }
    r.rows();
    if (k === 0) fp = r.fingerprint();
  }
  return { seconds: (performance.now() - t0) / 1000, fp };
}, { text: scenario, reps });

// Time to the first chart of the dashboard at its defaults (Karlstad).
const fresh = await browser.newPage();
t = performance.now();
await fresh.goto(base);
await fresh.waitForSelector('figure.chart canvas', { timeout: 60000 });
const firstChart = (performance.now() - t) / 1000;
await browser.close();
server.close();

console.log(`machine: ${cpus().length} × ${cpus()[0].model}`);
console.log(`Göteborg at scale ${scale}, 10 years, ${reps} replications, one thread each:`);
console.log(`  native  ${native.toFixed(1)} s (${(native / reps).toFixed(2)} s per replication, including start-up and files)`);
console.log(`  wasm    ${wasm.seconds.toFixed(1)} s (${(wasm.seconds / reps).toFixed(2)} s per replication, headless Chromium)`);
console.log(`  ratio   ${(wasm.seconds / native).toFixed(2)} (Wasm / native)`);
console.log(`  replication 0 fingerprints: native ${nativeFp}, wasm ${wasm.fp} (${nativeFp === wasm.fp ? 'identical' : 'DIFFERENT'})`);
console.log(`dashboard at defaults: first chart ${firstChart.toFixed(2)} s after opening the page`);
