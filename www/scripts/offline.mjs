// Assembles dist/hemma-offline.html: one self-contained file that opens from
// file:// with no server. It inlines the page (IIFE build), its CSS, and the
// worker's source — wasm-bindgen's no-modules glue, the Wasm as base64 and
// the worker core — which the page starts as a classic worker from a blob
// (module workers from blobs do not start at file://).
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const www = join(dirname(fileURLToPath(import.meta.url)), '..');
const read = (...p) => readFileSync(join(www, ...p), 'utf8');
const css = readdirSync(join(www, 'dist-offline/main')).filter((f) => f.endsWith('.css')).map((f) => read('dist-offline/main', f)).join('\n');
const page = read('dist-offline/main/hemma-main.js');
const wasm = readFileSync(join(www, 'src/pkg-nm/hemma_bg.wasm')).toString('base64');
const workerSource = `${read('src/pkg-nm/hemma.js')}\nself.HEMMA_WASM_BASE64 = ${JSON.stringify(wasm)};\n${read('dist-offline/worker/hemma-worker.js')}`;

// Inline scripts must not contain "</script" (nor "<!--"); escape inside the JS string.
const safe = (js) => js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
let html = read('index.html');
html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/,
  `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'wasm-unsafe-eval' blob:; style-src 'unsafe-inline'; img-src blob: data:; worker-src blob:; connect-src blob: data:">`);
html = html.replace(/<script type="module" src="\.\/src\/main\.js"><\/script>/,
  () => `<style>${css}</style>\n<script>globalThis.HEMMA_WORKER_SOURCE = ${safe(JSON.stringify(workerSource))};</script>\n<script>${safe(page)}</script>`);
if (html.includes('src/main.js')) throw new Error('offline: the page script tag was not replaced');
writeFileSync(join(www, 'dist/hemma-offline.html'), html);
console.log(`dist/hemma-offline.html: ${(html.length / 1e6).toFixed(2)} MB, opens from file:// without a server`);
