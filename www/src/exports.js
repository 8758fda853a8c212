// Exports with their provenance (www/src/provenance.js): CSV, PNG and SVG
// of a chart, the scenario file, and the shell block that reproduces the
// page with `hemma compare`.
import { scenarioJson } from './scenario-json.js';
import { baseScenario, dataYear, levels, scenarioId, scenarioName, store, t } from './store.js';
import { $, el } from './dom.js';
import { ask } from './worker-client.js';
import { provenance } from './provenance.js';
import { chartSvg } from './chart-file.js';

/** A chart's rows as CSV; every row ends with its provenance (as the CLI's tables). */
export function downloadCsv(id, lines) {
  download(`hemma-${store.state.preset}-${id}.csv`, new Blob([lines.join('\n') + '\n'], { type: 'text/csv' }));
}

/**
 * The chart as a PNG image: its file drawing (www/src/chart-file.js: title,
 * unit, bands, legend, note and provenance, wrapped to its width) at twice
 * its size, on white, for slides and print.
 */
export async function downloadPng(id) {
  const { svg, width, height } = await chartSvg(id);
  const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(svg)], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width * PNG_SCALE;
    canvas.height = height * PNG_SCALE;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
    download(`hemma-${store.state.preset}-${id}.png`, blob);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** How much larger than the file drawing a PNG export is: twice, sharp on a projector and in print. */
export const PNG_SCALE = 2;

/** The chart as a standalone SVG file (www/src/chart-file.js). */
export async function downloadSvg(id) {
  const { svg } = await chartSvg(id);
  download(`hemma-${store.state.preset}-${id}.svg`, new Blob([new XMLSerializer().serializeToString(svg)], { type: 'image/svg+xml' }));
}

/** Saves `blob` as file `name`. */
export function download(name, blob) {
  const a = el('a', { href: URL.createObjectURL(blob), download: name });
  document.body.append(a);
  a.click();
  setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
}

/** Scenario `i` as a scenario file (TOML), as `hemma run` reads it. */
export async function currentToml(i) {
  const m = await ask({ type: 'toml', text: scenarioJson(store.state, i, baseScenario(), scenarioName(i), dataYear(), levels()) });
  return m.toml;
}

$('#export').addEventListener('click', async () => {
  const i = store.state.scenarios.length - 1;
  download(`hemma-${store.state.preset}-${i}.toml`, new Blob([await currentToml(i)], { type: 'application/toml' }));
});
/**
 * One shell block that reproduces the page: it writes the baseline's and
 * every scenario's file, runs `hemma compare` of each scenario against the
 * baseline (at the headline's year) — or `hemma run` of the baseline alone —
 * and names the fingerprints to expect, with how to install `hemma`.
 */
export async function cliBlock() {
  const files = store.state.scenarios.map((_, i) => `hemma-${store.state.preset}-${scenarioId(i)}.toml`);
  const tomls = await Promise.all(store.state.scenarios.map((_, i) => currentToml(i)));
  const year = store.results?.headlines?.[0]?.year;
  const lines = [
    `# ${provenance()}. ${t().cliInstall(store.catalogue.git_commit)}`,
    ...files.flatMap((f, i) => [`cat > ${f} <<'EOF'`, tomls[i].trimEnd(), 'EOF']),
  ];
  if (files.length === 1) lines.push(`hemma run ${files[0]} --fingerprint`);
  for (let i = 1; i < files.length; i++) lines.push(`hemma compare ${files[0]} ${files[i]}${year ? ` --at-year ${year}` : ''} -o out/compare-${scenarioId(i)}`);
  if (store.results?.fingerprints && !store.results.partial) {
    lines.push(`# ${t().cliExpect}: ${store.results.fingerprints.map((f, i) => `${scenarioId(i)} ${f[0]}`).join(', ')}`);
    lines.push(`#   ${files.map((f) => `hemma run ${f} -r 1 --fingerprint -q`).join('; ')}`);
  }
  return lines.join('\n') + '\n';
}

$('#cli').addEventListener('click', async () => {
  const cmd = await cliBlock();
  try { await navigator.clipboard.writeText(cmd); } catch { /* shown below as well */ }
  $('#cli-text').value = cmd;
  $('#cli-box').hidden = false;
});
