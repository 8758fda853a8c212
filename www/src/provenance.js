// Which code, place and run made an export: the version and commit (as
// `hemma --version` says them), the columns every exported row ends with
// (as the CLI's tables), the line under an exported image, and its note
// (simulation spread, or paired intervals).
import { placeId, scenarioId, store, t } from './store.js';

/** Which code made the numbers, as `hemma --version` says it; on every export. */
export function provenance() {
  return `hemma ${store.catalogue.version} (commit ${store.catalogue.git_commit})`;
}

/**
 * What every exported row carries, as the CLI's tables: the code, the place,
 * the run and the scenario's fingerprint. `scale` is the share of the
 * households simulated; the values are already for the whole municipality
 * (totals divided by it, as in every table of hemma: series.js `scaleOf`).
 */
export const PROVENANCE_COLUMNS = 'hemma_version,git_commit,place,seed,replications,scale,fingerprint';

/** The provenance cells of scenario `s` (its replication-0 fingerprint: `hemma run --fingerprint` prints the same). */
export function provenanceCells(s) {
  const m = store.results.meta[s];
  return [store.catalogue.version, store.catalogue.git_commit, placeId(), m.seed, store.results.replications, m.scale, store.results.fingerprints?.[s]?.[0] ?? ''];
}

/** The provenance in one line, for images: version, place, seed, replications, scale and fingerprints. */
export function provenanceLine() {
  const m = store.results.meta[0];
  const prints = (store.results.fingerprints ?? []).map((f, s) => `${scenarioId(s)} ${f[0]}`).join(', ');
  return `${provenance()} · ${placeId()} · seed ${m.seed} · ${store.results.replications} ${t().replications.toLowerCase()} · scale ${m.scale} · ${t().fingerprints}: ${prints}`;
}

/** The note under an exported chart: fans are simulation spread; differences are means with paired intervals; children with a homeless parent are counted apart. */
export const chartNote = (id) => (store.charts[id].kind === 'difference' ? t().diffNote : `${t().bandsNote}${store.charts[id].children ? ` ${t().childrenNote}` : ''}`);

