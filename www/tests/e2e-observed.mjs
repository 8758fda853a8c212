// End-to-end tests of issue 34's page parts and issue 36 item 2: every
// observed point of the place drawn on its chart with its caveat on hover,
// the history's checks in sentences, children with a homeless parent beside
// the homeless (never added in), and "Egen kommun"'s count with its year
// through links and files of format 3 and older. Run by www/tests/e2e.mjs.
import { readFileSync } from 'node:fs';
import { initSync, catalogue as catalogueJson } from '../src/pkg/hemma.js';
import { assert, base, done, table, test } from './e2e-lib.mjs';

initSync({ module: readFileSync(new URL('../src/pkg/hemma_bg.wasm', import.meta.url)) });
const catalogue = JSON.parse(catalogueJson());
const link = (o) => `${base}#s=${Buffer.from(JSON.stringify(o)).toString('base64url')}`;
const stateOf = (page) => page.evaluate(() => JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(location.hash.slice(3).replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)))));
/** The observed points listed under chart `id`, and the hover marks on its plot. */
const observedOf = (page, id) => page.evaluate((id) => ({
  listed: [...document.querySelectorAll(`#chart-${id} ul.observed li`)].map((li) => ({ year: Number(li.dataset.year), value: Number(li.dataset.value), output: li.dataset.output, own: li.dataset.own, text: li.textContent })),
  marks: [...document.querySelectorAll(`#chart-${id} .obs-mark`)].map((m) => ({ year: Number(m.dataset.year), value: Number(m.dataset.value), children: m.dataset.children, title: m.getAttribute('title') })),
}), id);
/** The data's points of `place` for output `output` from 2011 on. */
const expected = (place, output) => catalogue.observed_points.filter((p) => p.place === place && p.output === output && p.year >= 2011);

await test('every observed point of Sverige is drawn on its chart with its caveat on hover, and each check is said in a sentence', async (page) => {
  await page.goto(link({ v: 3, lang: 'sv', preset: 'sverige', years: 1, replications: 2, scenarios: [{ name: '', instruments: [] }] }));
  await done(page, 300000);
  await page.click('#more-charts summary');
  for (const output of ['homeless_per_10k', 'sit1_per_10k', 'sit2_per_10k', 'sit3_per_10k', 'sit4_per_10k', 'executed_evictions_per_10k', 'n_social_contracts', 'new_eviction_applications', 'new_payment_orders', 'new_children_affected', 'n_rough_sleepers']) {
    const want = expected('sverige', output);
    const { listed, marks } = await observedOf(page, output);
    const own = listed.filter((p) => p.output === output);
    assert(want.length > 0 && own.length === want.length, `${output}: ${own.length} listed of ${want.length} in the data`);
    assert(want.every((p, k) => own[k].year === p.year && own[k].value === p.value), `${output}: the data's years and values: ${JSON.stringify(own.map((p) => [p.year, p.value]))}`);
    assert(marks.filter((m) => m.children === 'false').length === want.length, `${output}: a hover mark per point: ${marks.length}`);
  }
  // The counts of 2017 and 2023 (Socialstyrelsen), their caveats on hover, in per 10,000 as the chart.
  const { listed, marks } = await observedOf(page, 'homeless_per_10k');
  assert(JSON.stringify(listed.filter((p) => p.output === 'homeless_per_10k').map((p) => p.year)) === JSON.stringify([2011, 2017, 2017, 2023]), `counts: ${JSON.stringify(listed)}`);
  const m2023 = marks.find((m) => m.year === 2023 && m.children === 'false');
  assert(m2023 && m2023.title.startsWith('Räknat 2023 (april 2023): 26 ') && m2023.title.includes('27 383 vuxna') && m2023.title.includes('källa: data/evidence/homelessness_mappings.csv'), `2023 on hover: ${m2023?.title}`);
  assert(marks.some((m) => m.year === 2017 && m.title.includes('2023 års metod')), 'the 2017 count recomputed by the 2023 method, with its caveat');
  // Children with a homeless parent, observed apart (open diamonds on their own line).
  assert(marks.filter((m) => m.children === 'true').map((m) => m.year).join() === '2017,2023', `children's points: ${JSON.stringify(marks.filter((m) => m.children === 'true'))}`);
  const legend = await page.$$eval('#chart-homeless_per_10k ul.legend li', (l) => l.map((x) => x.textContent));
  assert(legend.some((x) => x.includes('Räknat 2011, 2017, 2023')), `legend: ${legend}`);
  // The social contracts are counts of the whole country: drawn in the chart's unit (contracts), not per 10,000.
  const contracts = await page.evaluate(() => window.hemmaCharts().n_social_contracts.y);
  assert(contracts[1] >= 26000, `the contracts' axis reaches the observed 26,000: ${contracts}`);
  // The checks: each point after 2013 in a sentence, with the model's value.
  const checks = await page.$$eval('#checks li', (l) => l.map((x) => ({ year: Number(x.dataset.year), output: x.dataset.output, model: Number(x.dataset.model), text: x.textContent })));
  const want = catalogue.observed_points.filter((p) => p.place === 'sverige' && p.role === 'check' && p.year <= 2025);
  assert(checks.length === want.length, `a sentence per check: ${checks.length} of ${want.length}`);
  const c2023 = checks.find((c) => c.year === 2023 && c.output === 'homeless_per_10k');
  assert(c2023 && /^april 2023, hemlösa per 10 000 invånare: modellen [\d,]+ \[[\d,]+–[\d,]+\], observerat 26 — /.test(c2023.text) && c2023.model > 0, `the 2023 count's sentence: ${c2023?.text}`);
  assert((await page.textContent('#checks-summary')).includes(`mot ${want.length} observerade värden efter 2013`), await page.textContent('#checks-summary'));
  await page.click('#lang');
  const en = await page.$$eval('#checks li', (l) => l.map((x) => x.textContent));
  assert(en.some((x) => /^April 2017, homeless per 10,000 residents: the model [\d.]+ \[/.test(x)), `English sentences: ${en[0]}`);
});

await test('a municipality\'s observed points: its counts of 2011 and 2017 and its evictions, and the children beside the homeless, never added in', async (page) => {
  await page.goto(link({ v: 3, lang: 'sv', preset: 'norrkoping', years: 2, replications: 2, scenarios: [{ name: '', instruments: [] }] }));
  await done(page);
  const { listed, marks } = await observedOf(page, 'homeless_per_10k');
  assert(JSON.stringify(listed.map((p) => [p.year, p.value])) === JSON.stringify(expected('norrkoping', 'homeless_per_10k').map((p) => [p.year, p.value])), `Norrköping's counts: ${JSON.stringify(listed)}`);
  assert(marks.some((m) => m.year === 2017 && m.title.includes('kommuntabellen')), 'the 2017 municipal count with its caveat');
  const ev = await observedOf(page, 'executed_evictions_per_10k');
  assert(ev.listed.map((p) => p.year).join() === '2013,2024', `evictions 2013 and 2024: ${JSON.stringify(ev.listed)}`);
  const checks = await page.$$eval('#checks li', (l) => l.map((x) => `${x.dataset.year} ${x.dataset.output}`));
  assert(checks.includes('2017 homeless_per_10k') && checks.includes('2024 executed_evictions_per_10k'), `checks: ${checks}`);
  // The children's line: its own table and CSV rows, dashed, never added into the homeless line.
  const homeless = await table(page, 'homeless_per_10k');
  const children = await table(page, 'children_with_homeless_parent_per_10k');
  assert(children.length === homeless.length && children.every((r) => Number(r[2]) > 0), `a children's row per homeless row: ${children.length} vs ${homeless.length}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#chart-homeless_per_10k button.csv')]);
  const lines = readFileSync(await download.path(), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const csvOf = (out) => lines.filter((f) => f[4] === out).map((f) => Number(f[8]));
  assert(JSON.stringify(csvOf('homeless_per_10k')) === JSON.stringify(homeless.map((r) => Number(r[2]))), 'the homeless line is the homeless median alone');
  assert(JSON.stringify(csvOf('children_with_homeless_parent_per_10k')) === JSON.stringify(children.map((r) => Number(r[2]))), 'the children line is their own median');
  // The drawn homeless median is the table's, not homeless + children.
  const drawn = await page.evaluate(() => window.hemmaChartData('homeless_per_10k'));
  assert(drawn.some((s) => s.label.startsWith('Nuläge') && s.label.endsWith(', 2011–2025') && JSON.stringify(s.values.slice(0, 15)) === JSON.stringify(homeless.slice(0, 15).map((r) => Number(r[2])))), `the history's median as drawn: ${JSON.stringify(drawn.map((s) => s.label))}`);
  assert(drawn.some((s) => s.label.endsWith('barn med en hemlös förälder') && s.dash), 'a dashed children line');
  const note = await page.textContent('#chart-homeless_per_10k p.children-note');
  assert(note.includes('Socialstyrelsen räknar dem för sig'), note);
  const legend = await page.$$eval('#chart-homeless_per_10k ul.legend li', (l) => l.map((x) => x.textContent));
  assert(legend.filter((x) => x.includes('barn med en hemlös förälder')).length === 1, `one legend entry for the children's lines: ${legend}`);
  // The families' chart carries the children's count too.
  assert((await table(page, 'n_children_with_homeless_parent')).length > 0, 'children beside the homeless in families');
});

await test('Egen kommun takes its count with its year, refuses a year outside 2011–2025, and the year lives in the link and the saved file', async (page, context) => {
  await page.goto(base);
  await done(page);
  await page.selectOption('#preset', 'custom');
  await done(page);
  const year = '#place-form [data-field="homeless_count_year"]';
  assert(await page.$eval(year, (i) => i.placeholder) === '2023', 'the year defaults to 2023');
  // A year without a count is refused at its field.
  await page.fill(year, '2017');
  await page.press(year, 'Enter');
  let refused = await page.textContent('#place-form .field-error');
  assert(refused === 'Räkningens år = 2017: anges bara med Hemlösa per 10 000 (räkning)', refused);
  await page.fill(year, '');
  await page.press(year, 'Enter');
  await page.fill('#place-form [data-field="homeless_per_10k"]', '52,5');
  await page.press('#place-form [data-field="homeless_per_10k"]', 'Enter');
  await done(page);
  assert(await page.$eval(year, (i) => i.value) === '2023', 'a count is dated 2023 unless the user says otherwise');
  // Outside the history: refused inline, with what is allowed.
  for (const bad of ['2030', '2010', '2023,5']) {
    await page.fill(year, bad);
    await page.press(year, 'Enter');
    refused = await page.textContent('#place-form .field-error');
    assert(refused.startsWith(`Räkningens år = ${bad}: `) && refused.endsWith('tillåtet heltal 2011 till 2025'), refused);
  }
  await page.fill(year, '2023');
  await page.press(year, 'Enter');
  await done(page);
  const { listed } = await observedOf(page, 'homeless_per_10k');
  assert(listed.length === 1 && listed[0].year === 2023 && listed[0].value === 52.5 && listed[0].text.includes('Räknat 2023'), `the count's marker says its year: ${JSON.stringify(listed)}`);
  const legend = await page.$$eval('#chart-homeless_per_10k ul.legend li', (l) => l.map((x) => x.textContent));
  assert(legend.some((x) => x.includes('Räknat 2023')) && !legend.some((x) => x.includes('Räknat 2011')), `legend: ${legend}`);
  // The link: format 3, the year with the count; it reproduces the numbers.
  await page.click('#share');
  const url = await page.$eval('#share-url', (i) => i.value);
  const state = await stateOf(page);
  assert(state.v === 3 && state.place.homeless_per_10k === 52.5 && state.place.homeless_count_year === 2023, `the link: ${JSON.stringify(state)}`);
  const other = await context.newPage();
  await other.goto(url);
  await done(other);
  assert(await other.$eval(year, (i) => i.value) === '2023', 'the year from the link');
  assert(JSON.stringify(await table(other, 'homeless_per_10k')) === JSON.stringify(await table(page, 'homeless_per_10k')), 'the same numbers from the link');
  await other.close();
  // The saved file: format 3 with the count's year; opened in a fresh page, the same place.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const toml = readFileSync(await download.path(), 'utf8');
  assert(/^format = 3$/m.test(toml) && /^homeless_count_year = 2023$/m.test(toml) && /^homeless_per_10k = 52\.5$/m.test(toml), `the file: ${toml.slice(0, 400)}`);
  const fresh = await context.newPage();
  await fresh.goto(base);
  await done(fresh);
  await fresh.setInputFiles('#import', { name: 'egen.toml', mimeType: 'application/toml', buffer: Buffer.from(toml) });
  await fresh.waitForFunction(() => document.querySelector('#preset').value === 'custom', null, { timeout: 30000 });
  await done(fresh);
  assert(await fresh.$eval(year, (i) => i.value) === '2023' && await fresh.$eval('#place-form [data-field="homeless_per_10k"]', (i) => i.value) === '52,5', 'the file opens with its count and year');
  // A file of format 2 (no year: the count of 2011) still opens, dated 2011.
  const old = toml.replace(/^format = 3$/m, 'format = 2').replace(/^homeless_count_year = 2023\n/m, '');
  await fresh.goto(base);
  await done(fresh);
  await fresh.setInputFiles('#import', { name: 'gammal.toml', mimeType: 'application/toml', buffer: Buffer.from(old) });
  await fresh.waitForFunction(() => document.querySelector('#preset').value === 'custom', null, { timeout: 30000 });
  await done(fresh);
  assert(await fresh.$eval(year, (i) => i.value) === '2011', 'a format-2 file\'s count is the count of 2011');
  assert(await fresh.$eval('#error', (e) => e.hidden), 'opened without an error');
  await fresh.close();
});

await test('a format-2 link with a custom count (no year) still opens, read as the count of 2011', async (page, context) => {
  const place = { name: 'Min kommun', population: 50000, rental_share_pct: 40, coop_share_pct: 25, owner_share_pct: 35, homeless_per_10k: 52.5 };
  await page.goto(link({ v: 2, lang: 'sv', preset: 'custom', place, years: 2, replications: 2, scenarios: [{ name: '', instruments: [] }] }));
  await done(page);
  assert(await page.$eval('#error', (e) => e.hidden), 'no error');
  assert(await page.$eval('#place-form [data-field="homeless_count_year"]', (i) => i.value) === '2011', 'dated 2011');
  const { listed } = await observedOf(page, 'homeless_per_10k');
  assert(listed.length === 1 && listed[0].year === 2011 && listed[0].text.includes('Räknat 2011'), JSON.stringify(listed));
  const state = await stateOf(page);
  assert(state.v === 3 && state.place.homeless_count_year === 2011, `rewritten in the current format: ${JSON.stringify(state)}`);
  // A format-3 link with a count and no year is refused, naming the field.
  const other = await context.newPage();
  await other.goto(link({ v: 3, lang: 'sv', preset: 'custom', place, years: 2, replications: 2, scenarios: [{ name: '', instruments: [] }] }));
  await other.waitForFunction(() => !document.querySelector('#error').hidden);
  const said = await other.textContent('#error');
  assert(said.includes('Räkningens år') && said.includes('måste anges'), said);
  await other.close();
});
