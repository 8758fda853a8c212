// Soft warnings beside a setting: a size larger than the place makes sense
// of (more places than homeless persons); the run goes on. Checked again
// when a run is done, against the place as the model then holds it.
import { countedRate, fmt, modelledNow, placeInfo, store, subscribe, t } from './store.js';
import { sizedTo } from './roles.js';

/** Checks every setting's size warning again, against the place as the last finished run holds it. */
export function refreshSizeWarnings() {
  for (const w of document.querySelectorAll('#controls .soft-warning[data-for]')) w.refresh?.();
}

subscribe('run', () => { if (store.run.state === 'done') refreshSizeWarnings(); });


/** Homeless persons in the place: its count of 2011 (a custom place: its own rate or the national one, × its residents). */
export function homelessCount() {
  return (countedRate().value * (placeInfo()?.population ?? store.state.place.population)) / 1e4;
}

/**
 * A soft warning for a value larger than the place makes sense of, by whom
 * the settings table says the count is for (`sized_to`): places for
 * homeless persons with support needs (Housing First, the staircase) above
 * them — "Fler än alla hemlösa med stödbehov i kommunen (≈ 95 personer 2025
 * enligt modellens nuläge)": no count gives them, so the model's own number
 * in the baseline's data year stands in once a run has given it — and
 * places or contracts for homeless persons above all homeless counted in
 * 2011. The run goes on.
 */
export function sizeWarning(row, v) {
  const to = sizedTo(row);
  if ((to !== 'homeless' && to !== 'support_needs') || typeof v !== 'number') return '';
  const needs = to === 'support_needs' ? modelledNow('n_homeless_support_needs') : null;
  if (needs && v > needs.value) return t().moreThanSupportNeeds(fmt(v, 0), fmt(needs.value, 0), needs.year);
  const n = homelessCount();
  return v > n ? t().moreThanHomeless(fmt(v, 0), fmt(n, 0), countedRate().year) : '';
}
