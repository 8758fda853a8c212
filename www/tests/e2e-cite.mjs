// Browser tests of issue 36, "A page an official can cite": each numbered
// item of the issue that this page fixes has a test named "(#36.N)", so
// that `E2E_ONLY='#36.3' node tests/e2e.mjs` runs one. Run by tests/e2e.mjs
// with its harness (tests/e2e-lib.mjs).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync, catalogue as catalogueJson } from '../src/pkg/hemma.js';
import { addHousingFirst, addInstrument, assert, base, done, here, out, test } from './e2e-lib.mjs';

initSync({ module: readFileSync(join(here, '..', 'src', 'pkg', 'hemma_bg.wasm')) });
const catalogue = JSON.parse(catalogueJson());

/** The readable link (`#s=`) of a page state. */
const linkOf = (state) => `#s=${Buffer.from(JSON.stringify(state)).toString('base64url')}`;
/** The page state in the address bar. */
const stateOf = (page) => page.evaluate(() => JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(location.hash.slice(3).replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)))));

/**
 * A value of settings row `row` other than its default and inside its range
 * (a choice: its last option; a flag: the other; a stock in force: a few,
 * under any capacity), so that a round trip that dropped or reset it shows.
 */
function otherValue(row) {
  if (row.type === 'flag') return !(row.default ?? false);
  if (row.type === 'choice') return row.options.at(-1);
  if (row.name.endsWith('_in_force')) return 3;
  const d = typeof row.default === 'number' ? row.default : row.min;
  if (row.unit === 'share') return d === 0.25 ? 0.35 : 0.25;
  const v = row.type === 'whole' ? d + 1 : d > 0 ? d * 1.5 : Math.min(row.max, row.min + 2);
  return Math.min(row.max, row.type === 'whole' ? Math.round(v) : v);
}

/**
 * Opens the page at `state`, saves its last scenario ("Spara scenariofil"),
 * opens the file ("Öppna scenariofil") on a fresh page with the default
 * place, waits for its run, and returns the page's message (empty: none)
 * and the state it holds then.
 */
async function roundTrip(page, state) {
  await page.goto('about:blank'); // a changed hash alone would not load the page again
  await page.goto(base + linkOf(state));
  await done(page);
  const ran = await page.$eval('#error', (e) => (e.hidden ? '' : e.textContent));
  assert(ran === '', `the scenario runs: ${ran}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const buffer = readFileSync(await download.path());
  await page.goto('about:blank');
  await page.goto(base);
  await done(page);
  const before = await page.evaluate(() => location.hash);
  await page.setInputFiles('#import', { name: 'saved.toml', mimeType: 'application/toml', buffer });
  await page.waitForFunction((h) => location.hash !== h || !document.querySelector('#error').hidden, before, { timeout: 30000 });
  await done(page);
  return { error: await page.$eval('#error', (e) => (e.hidden ? '' : e.textContent)), back: await stateOf(page) };
}

/** Every setting of an instrument of `kind`, a setting left out at its default. */
const effective = (kind, settings) => Object.fromEntries(catalogue.instruments.find((d) => d.kind === kind).settings.map((r) => [r.name, settings[r.name] ?? r.default ?? null]));

await test('(#36.3) save → open: every instrument kind, at its defaults and with every setting changed, and every driver path come back from the scenario file', async (page) => {
  const kinds = catalogue.instruments.map((d) => d.kind);
  assert(kinds.length === 12, `twelve kinds: ${kinds}`);
  const all = catalogue.drivers.map((d, k) => ({ driver: d.name, from: 2027 + (k % 4), pct: [80, 125, 150, 62.5][k % 4] }));
  // A scenario changes at most eight conditions: the first eight drivers at the instruments' defaults, the others with every setting changed.
  assert(all.length > 8 && all.length <= 16, `the drivers: ${all.map((c) => c.driver)}`);
  const chunks = { defaults: all.slice(0, 8), changed: all.slice(8) };
  // At their defaults (optional settings left out: the file writes them as nothing), then every setting changed.
  const required = (d) => Object.fromEntries(d.settings.filter((r) => r.type === 'choice' && r.default === null).map((r) => [r.name, r.options[0]]));
  for (const [how, settingsOf] of [['defaults', required], ['changed', (d) => Object.fromEntries(d.settings.map((r) => [r.name, otherValue(r)]))]]) {
    const instruments = catalogue.instruments.map((d, k) => ({ kind: d.kind, start: 2027 + (k % 3), end: k % 4 === 0 ? 2033 : null, settings: settingsOf(d) }));
    const conditions = chunks[how];
    const state = { v: 2, lang: 'sv', preset: 'karlstad', years: 8, replications: 2, scenarios: [{ name: '', instruments: [] }, { name: 'Allt på en gång', instruments, conditions }] };
    const { error, back } = await roundTrip(page, state);
    assert(error === '', `${how}: the file opens without a message: ${error}`);
    assert(back.years === 8 && back.replications === 2 && back.preset === 'karlstad', `${how}: years, replications, place: ${JSON.stringify([back.years, back.replications, back.preset])}`);
    const s = back.scenarios[1];
    assert(s?.name === 'Allt på en gång', `${how}: the scenario: ${JSON.stringify(s?.name)}`);
    assert(s.instruments.length === 12, `${how}: twelve instruments back: ${s.instruments.map((i) => i.kind)}`);
    s.instruments.forEach((inst, k) => {
      const want = instruments[k];
      assert(inst.kind === want.kind && inst.start === want.start && inst.end === want.end, `${how}, ${want.kind}: years ${inst.start}–${inst.end} vs ${want.start}–${want.end}`);
      assert(JSON.stringify(effective(inst.kind, inst.settings)) === JSON.stringify(effective(want.kind, want.settings)), `${how}, ${want.kind}: ${JSON.stringify(inst.settings)} vs ${JSON.stringify(want.settings)}`);
    });
    assert(JSON.stringify(s.conditions) === JSON.stringify(conditions), `${how}: driver paths back as conditions: ${JSON.stringify(s.conditions)}`);
    assert(await page.$$eval('fieldset.scenario[data-index="1"] .instrument', (i) => i.length) === 12 && await page.$$eval('fieldset.scenario[data-index="1"] .condition', (c) => c.length) === conditions.length, `${how}: twelve instruments and ${conditions.length} conditions in the editor`);
  }
});

await test('(#36.3) save → open: a custom place comes back with its fields, and an instrument that changes the baseline\'s level keeps its start', async (page) => {
  const place = { name: 'Min kommun', population: 42000, rental_share_pct: 45, coop_share_pct: 20, owner_share_pct: 35, homeless_per_10k: 25 };
  const state = { v: 2, lang: 'sv', preset: 'custom', place, years: 4, replications: 2, scenarios: [{ name: '', instruments: [] },
    { name: 'Nivå', instruments: [{ kind: 'social_contract', start: 2026, end: null, settings: { contracts_per_year: 40 } }], conditions: [{ driver: 'completions_per_1000', from: 2028, pct: 150 }] }] };
  const { error, back } = await roundTrip(page, state);
  assert(error === '', `no message: ${error}`);
  // A format-2 link's count had no year: it was the count of 2011, and comes back so.
  assert(JSON.stringify(back.place) === JSON.stringify({ ...place, homeless_count_year: 2011 }), `the place: ${JSON.stringify(back.place)}`);
  assert(JSON.stringify(back.scenarios[1].instruments) === JSON.stringify(state.scenarios[1].instruments), `the instrument: ${JSON.stringify(back.scenarios[1].instruments)}`);
  assert(JSON.stringify(back.scenarios[1].conditions) === JSON.stringify(state.scenarios[1].conditions), `the condition: ${JSON.stringify(back.scenarios[1].conditions)}`);
});

await test('(#36.4) one input rule: dates outside the projection and ends before starts refused at the field, counts whole, "0,8", "2,5" and "80 %" read alike everywhere, help texts in the field\'s unit', async (page) => {
  await page.goto(base);
  await done(page);
  await page.click('#add-scenario');
  const card = 'fieldset.scenario[data-index="1"]';
  await addInstrument(page, card, 'housing_first');
  await addInstrument(page, card, 'outreach');
  const hf = `${card} .instrument[data-kind="housing_first"]`;
  const linked = async () => (await stateOf(page)).scenarios[1];
  /** Types `text` into `sel` and returns the message beside it ('' if accepted). */
  const type = async (sel, text) => {
    await page.fill(sel, text);
    await page.press(sel, 'Enter');
    return page.$eval(sel, (i) => (i.getAttribute('aria-invalid') === 'true' ? document.getElementById(i.getAttribute('aria-describedby'))?.textContent ?? '?' : ''));
  };
  // Years: inside the projection 2026–2035, whole.
  for (const bad of ['2040', '2200']) {
    const msg = await type(`${hf} input.start`, bad);
    assert(msg.startsWith(`Start (år) = ${bad}: tillåtet heltal 2026 till 2035`), `a start after the projection is refused: ${msg}`);
  }
  assert((await type(`${hf} input.start`, '2,5')).includes('inte ett heltal'), 'a year is whole');
  assert(await type(`${hf} input.start`, '2028') === '', 'a start inside the projection is taken');
  let msg = await type(`${hf} input.end`, '2028');
  assert(msg.startsWith('Slut (år, tomt = tills vidare) = 2028: tillåtet heltal 2029 till 2036'), `an end at the start is refused, not moved: ${msg}`);
  assert((await linked()).instruments[0].end === null && (await linked()).instruments[0].start === 2028, 'the scenario keeps its good values');
  assert(await type(`${hf} input.end`, '2031') === '', 'an end after the start is taken');
  // Counts are whole; shares read "0,8" and "80 %" as per cent, as the field shows them.
  msg = await type(`${hf} [data-field="places"]`, '2,5');
  assert(msg.startsWith('Platser = 2,5: inte ett heltal; tillåtet heltal 0 till 1'), `2.5 places: ${msg}`);
  const reach = `${card} .instrument[data-kind="outreach"] [data-field="reach_share"]`;
  assert(await type(reach, '80 %') === '', '"80 %" is read in a per-cent field');
  await done(page);
  assert((await linked()).instruments[1].settings.reach_share === 0.8, `kept as the share 0.8: ${JSON.stringify((await linked()).instruments[1].settings)}`);
  const help = await page.textContent(`${card} .instrument[data-kind="outreach"] details.about`);
  assert(/Nås.*Förval: 80\s%/.test(help) && /antagande: 80\s%/.test(help) && !/0,8|0,6|0,3/.test(help), `help texts in per cent, as the fields: ${help}`);
  assert((await page.getAttribute(reach, 'title')).includes('80 %'), 'and the tooltip');
  // Years ahead and replications: whole; the horizon cannot end before an instrument starts.
  assert((await type('#years', '2,5')).includes('inte ett heltal') && (await stateOf(page)).years === 10, '"2,5" years is refused, not read as 25');
  assert((await type('#replications', '2,5')).includes('inte ett heltal') && (await stateOf(page)).replications === 12, '"2,5" replications is refused');
  msg = await type('#years', '2');
  assert(msg.includes('Bostad först') && msg.includes('2028') && msg.includes('2027'), `the horizon cannot end before an instrument starts: ${msg}`);
  // A changed condition starts inside the projection too.
  await page.selectOption(`${card} select.add-condition`, 'unemployment_pct');
  await page.click(`${card} button.add-condition-button`);
  msg = await type(`${card} .condition input.from`, '2040');
  assert(msg.includes('2040') && msg.includes('2026 till 2035'), `a condition after the projection: ${msg}`);
  assert(await type(`${card} .condition [data-field="pct"]`, '80 %') === '', '"80 %" in a condition');
  // A link with an end at its start, or a start after the projection, is refused naming the field.
  for (const [inst, field] of [[{ start: 2028, end: 2028 }, 'instruments[0].end'], [{ start: 2040, end: null }, 'instruments[0].start']]) {
    const link = linkOf({ v: 2, lang: 'sv', preset: 'karlstad', years: 10, replications: 2, scenarios: [{ name: '', instruments: [] }, { name: 'x', instruments: [{ kind: 'housing_first', ...inst, settings: {} }] }] });
    await page.goto('about:blank');
    await page.goto(base + link);
    await done(page);
    const shown = await page.textContent('#error');
    assert(shown.includes(field), `the link's ${field} is refused: ${shown}`);
  }
});

await test('(#36.5) workshop keys: Space plays at once after "Workshopläge", ←/PageUp step back, Home and End, clicked buttons give the keys back, the first screen fits 1920×1080, the person-years line stays', async (page) => {
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(base);
  await done(page);
  await addHousingFirst(page, 60);
  await page.click('#workshop');
  assert(await page.evaluate(() => document.activeElement?.id !== 'workshop'), 'the clicked toggle gives the keys back');
  const fits = () => page.evaluate(() => document.scrollingElement.scrollHeight <= window.innerHeight + 1);
  assert(await fits(), `the first screen fits before the clock moves: ${await page.evaluate(() => document.scrollingElement.scrollHeight)} px`);
  const month = () => page.$eval('#reveal', (r) => r.dataset.month);
  // Space right after the toggle plays (and does not switch the mode off); Space again pauses.
  await page.keyboard.press(' ');
  assert((await page.textContent('#workshop')) === 'Workshopläge: på', 'Space did not press the toggle');
  await page.waitForFunction(() => document.querySelector('#reveal').dataset.month >= '2026-03', null, { timeout: 10000 });
  await page.keyboard.press(' ');
  const paused = await month();
  await page.waitForTimeout(600);
  assert(await month() === paused, `Space pauses: ${paused} then ${await month()}`);
  // Home, End, and a month back with ← or PageUp (never before the projection's first month).
  await page.keyboard.press('Home');
  assert(await month() === '2026-01', `Home: ${await month()}`);
  await page.keyboard.press('ArrowLeft');
  assert(await month() === '2026-01', `← stops at the first month: ${await month()}`);
  await page.keyboard.press('End');
  assert(await month() === '2035-12', `End: ${await month()}`);
  await page.keyboard.press('ArrowLeft');
  assert(await month() === '2035-11', `← steps back: ${await month()}`);
  await page.keyboard.press('PageUp');
  assert(await month() === '2035-10', `PageUp steps back: ${await month()}`);
  await page.keyboard.press('Home');
  for (let k = 0; k < 13; k++) await page.keyboard.press('PageDown');
  assert(await month() === '2027-02', `PageDown: ${await month()}`);
  // A clicked step button gives the keys back too.
  await page.click('#step');
  assert(await page.evaluate(() => document.activeElement === document.body || document.activeElement?.id === 'main'), `focus after a click: ${await page.evaluate(() => document.activeElement?.id)}`);
  await page.keyboard.press('ArrowRight');
  assert(await month() === '2027-04', `→ after a clicked step: ${await month()}`);
  // The headline keeps the person-years line, up to the clock's year.
  await page.waitForFunction(() => document.querySelector('.headline-detail li[data-line="homeless"]')?.textContent.includes('december 2026'));
  const lines = await page.$$eval('.headline-detail li', (l) => l.map((x) => [x.dataset.line, x.textContent]));
  assert(lines.length === 2 && lines[1][0] === 'person-years' && lines[1][1].startsWith('Hemlösa personår 2026–2026: '), `the year's line and the person-years so far: ${JSON.stringify(lines)}`);
  assert(await fits(), 'and it still fits');
  await page.screenshot({ path: join(out, 'workshop-keys.png') });
});

await test('(#36.6) results marked "Inte körd — tryck Kör" when the set changes; after Kör focus and scroll go to the headline; on a phone the editor closes', async (page) => {
  await page.goto(base);
  await done(page);
  const card = 'fieldset.scenario[data-index="1"]';
  await page.click('#add-scenario');
  await addInstrument(page, card, 'housing_first');
  // Added, not run: the results shown are the previous run's, and say so.
  assert(await page.isVisible('#stale') && (await page.textContent('#stale')).startsWith('Inte körd — tryck Kör'), `marked: ${await page.textContent('#stale')}`);
  assert(await page.$eval('body', (b) => b.classList.contains('stale')), 'and greyed');
  await page.click('#lang');
  assert((await page.textContent('#stale')).startsWith('Not run — press Run'), `in English too: ${await page.textContent('#stale')}`);
  await page.click('#lang');
  await page.click('#run');
  assert(!(await page.isVisible('#stale')), 'Kör clears the mark');
  await done(page);
  const view = await page.evaluate(() => ({ id: document.activeElement?.id, top: document.querySelector('#headlines').getBoundingClientRect().top, height: window.innerHeight, text: document.querySelector('#headlines').textContent }));
  assert(view.id === 'headlines' && view.top >= -1 && view.top < view.height / 2 && view.text.includes('jämfört med nuläget'), `focus and scroll at the headline after Kör: ${JSON.stringify(view)}`);
  // Undoing the change (removing the scenario runs at once): nothing is marked.
  assert(!(await page.$eval('body', (b) => b.classList.contains('stale'))), 'not marked after the run');
  // A phone: Kör in the sticky bar closes the editor and shows the headline.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('about:blank');
  await page.goto(base);
  await done(page);
  await page.click('#edit-phone');
  await page.click('#add-scenario');
  await addInstrument(page, card, 'housing_first');
  assert(await page.isVisible('#stale'), 'marked on the phone too');
  await page.click('#run-phone');
  await done(page);
  const phone = await page.evaluate(() => ({ editing: document.body.classList.contains('editing'), expanded: document.querySelector('#edit-phone').getAttribute('aria-expanded'), id: document.activeElement?.id, top: document.querySelector('#headlines').getBoundingClientRect().top }));
  assert(!phone.editing && phone.expanded === 'false' && !(await page.isVisible('#controls')), `the editor closed: ${JSON.stringify(phone)}`);
  assert(phone.id === 'headlines' && phone.top >= -1 && phone.top < 844 / 2, `the headline in view: ${JSON.stringify(phone)}`);
  await page.screenshot({ path: join(out, 'phone-after-run.png') });
});

/**
 * English a Swedish page must not show: common English words and the
 * jargon of the code (field paths, "seed 002"), looked for in the visible
 * text and in the names screen readers read — outside what is marked as
 * English (`lang="en"`), the technical details folded under "Tekniska
 * detaljer", and fields' values.
 */
const ENGLISH = /(?<!\p{L})(the|and|of|is|are|allowed|below|fingerprints?|replication|missing|field|expected|link|residents|assumption|not a|on|per year|evictions a year|relative to)(?!\p{L})|seed 002|\(på engelska\)|scenarios\[|instruments\[|`/iu;

/** The Swedish page's words that look English (see ENGLISH), with where they are. */
const englishOn = (page) => page.evaluate((source) => {
  const english = new RegExp(source, 'iu');
  const skip = (n) => n.closest?.('[lang="en"], details.technical, #technical, textarea, script, style, #qr-view, .take-home');
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const p = n.parentElement;
    if (!p || skip(p) || !p.getClientRects().length) continue;
    if (english.test(n.textContent)) found.push(`${p.tagName.toLowerCase()}${p.id ? `#${p.id}` : ''}: ${n.textContent.trim().slice(0, 120)}`);
  }
  for (const e of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    if (skip(e)) continue;
    for (const a of ['aria-label', 'title', 'placeholder']) if (e.getAttribute(a) && english.test(e.getAttribute(a))) found.push(`${e.tagName.toLowerCase()}[${a}]: ${e.getAttribute(a).slice(0, 120)}`);
  }
  return found;
}, ENGLISH.source);

await test('(#36.7) every sentence of the Swedish view is Swedish: editor, charts, your own municipality, refused links and files, moved dates; technical detail folded under "Tekniska detaljer"', async (page) => {
  await page.goto(base);
  await done(page);
  await addHousingFirst(page, 40);
  await addInstrument(page, 'fieldset.scenario[data-index="1"]', 'rent_guarantee');
  await page.selectOption('fieldset.scenario[data-index="1"] select.add-condition', 'rent_index');
  await page.click('fieldset.scenario[data-index="1"] button.add-condition-button');
  await page.click('#more-charts > summary');
  await page.$$eval('details:not(.technical):not(#technical)', (ds) => ds.forEach((d) => { d.open = true; }));
  // The detector finds what it looks for (in text and in names), and not in what is marked English.
  await page.evaluate(() => document.querySelector('#note').append(Object.assign(document.createElement('span'), { id: 'probe', textContent: 'Om källor (på engelska)' }),
    Object.assign(document.createElement('span'), { id: 'probe2', lang: 'en', textContent: 'the source' })));
  await page.evaluate(() => document.querySelector('#probe2').setAttribute('aria-label', 'Datatabell below.'));
  assert(JSON.stringify(await englishOn(page)) === JSON.stringify(['span#probe: Om källor (på engelska)']), `the detector: ${await englishOn(page)}`);
  await page.evaluate(() => { document.querySelector('#probe').remove(); Object.assign(document.querySelector('#probe2'), { lang: '', textContent: '' }); });
  assert((await englishOn(page)).join() === 'span[aria-label]: Datatabell below.', `the detector reads names: ${await englishOn(page)}`);
  await page.evaluate(() => document.querySelector('#probe2').remove());
  let found = await englishOn(page);
  assert(found.length === 0, `English in the Swedish view:\n  ${found.join('\n  ')}`);
  assert((await page.textContent('#technical summary')) === 'Tekniska detaljer' && (await page.textContent('#fingerprint')).startsWith('Fingeravtryck, replikering 0: '), 'the fingerprints under "Tekniska detaljer"');
  // Your own municipality: its units and refusals.
  await page.selectOption('#preset', 'custom');
  await done(page);
  await page.fill('#place-form [data-field="population"]', '5');
  await page.press('#place-form [data-field="population"]', 'Enter');
  found = await englishOn(page);
  assert(found.length === 0, `English in "Egen kommun":\n  ${found.join('\n  ')}`);
  // A refused link: a Swedish sentence naming the field in words; the check's own message folded.
  const bad = { v: 2, lang: 'sv', preset: 'karlstad', years: 2, replications: 2, scenarios: [{ name: '', instruments: [] }, { name: 'x', instruments: [{ kind: 'housing_first', start: 2027, end: null, settings: { places: -1 } }] }] };
  await page.goto('about:blank');
  await page.goto(base + linkOf(bad));
  await done(page);
  const shown = await page.$eval('#error > p', (p) => p.textContent);
  assert(/^Länken kunde inte läsas och har ignorerats: Scenario 1, insats 1 \(Bostad först\), Platser = −?-?1: tillåtet heltal 0 till 1\s000\s000 hyresavtal$/.test(shown), `the refusal in Swedish words: ${shown}`);
  assert((await page.textContent('#error details.technical')).includes('scenarios[1].instruments[0].settings.places'), 'the field\'s path under "Tekniska detaljer"');
  found = await englishOn(page);
  assert(found.length === 0, `English with a refused link:\n  ${found.join('\n  ')}`);
  // A link from before the projection: the moved dates in Swedish.
  const old = { ...bad, scenarios: [bad.scenarios[0], { name: 'gammal', instruments: [{ kind: 'outreach', start: 2013, end: null, settings: {} }] }] };
  await page.goto('about:blank');
  await page.goto(base + linkOf(old));
  await done(page);
  const moved = await page.$eval('#error > p', (p) => p.textContent);
  assert(moved === 'Flyttat till projektionens start: Scenario 1, insats 1 (Vräkningsförebyggande arbete) började 2013; flyttad till 2026', `moved: ${moved}`);
  // A file the model cannot read: a Swedish sentence, the model's message folded.
  await page.setInputFiles('#import', { name: 'trasig.toml', mimeType: 'application/toml', buffer: Buffer.from('name = 3\nfoo\n') });
  await page.waitForFunction(() => document.querySelector('#error > p')?.textContent.includes('trasig.toml'));
  const file = await page.$eval('#error > p', (p) => p.textContent);
  assert(file === 'Filen trasig.toml kunde inte läsas som ett scenario.', `file: ${file}`);
  assert(!(await page.isVisible('#error details.technical p')) && (await page.textContent('#error details.technical')).includes('expected'), 'the model\'s message folded');
  found = await englishOn(page);
  assert(found.length === 0, `English with a refused file:\n  ${found.join('\n  ')}`);
});

await test('(#36.9) damaged links: no long dumps, a missing guarantee_kind refused before the model, text-direction characters refused in names', async (page) => {
  const base2 = { v: 2, lang: 'sv', preset: 'karlstad', years: 2, replications: 2 };
  const open = async (state) => {
    await page.goto('about:blank');
    await page.goto(base + linkOf(state));
    await page.waitForFunction(() => !document.querySelector('#error').hidden, null, { timeout: 60000 });
    await done(page);
    return { shown: await page.$eval('#error > p', (p) => p.textContent), all: await page.textContent('#error') };
  };
  // 50 scenarios, 200 instruments: said by their number, not dumped (also in the technical detail).
  let m = await open({ ...base2, scenarios: Array.from({ length: 50 }, (_, i) => ({ name: `s${i}`, instruments: [] })) });
  assert(m.shown.includes('Scenarier = en lista med 50: tillåtet 1 till 5') && m.all.length < 400, `50 scenarios: ${m.all.length} characters: ${m.all.slice(0, 300)}`);
  const many = Array.from({ length: 200 }, () => ({ kind: 'outreach', start: 2027, end: null, settings: {} }));
  m = await open({ ...base2, scenarios: [{ name: '', instruments: [] }, { name: 'x', instruments: many }] });
  assert(m.shown.includes('en lista med 200') && m.all.length < 400, `200 instruments: ${m.all.length} characters`);
  // A long text is cut, with its length.
  m = await open({ ...base2, preset: 'x'.repeat(5000), scenarios: [{ name: '', instruments: [] }] });
  assert(/tecken\)/.test(m.shown) && m.all.length < 600, `a long text: ${m.all.length} characters: ${m.shown}`);
  // A rent guarantee without its kind: refused by the page, named; the baseline runs and the results are there.
  m = await open({ ...base2, scenarios: [{ name: '', instruments: [] }, { name: 'x', instruments: [{ kind: 'rent_guarantee', start: 2027, end: null, settings: { guarantees: 10 } }] }] });
  assert(m.shown.startsWith('Länken kunde inte läsas') && m.shown.includes('För vem') && m.shown.includes('måste anges'), `the missing kind is named: ${m.shown}`);
  assert(!m.all.includes('Fel i simuleringen') && (await page.$$eval('table.data[data-output="homeless_per_10k"] tbody tr', (r) => r.length)) > 0, 'the model never saw it: the default ran and its results are shown');
  // Text-direction characters in a name: refused, and nowhere on the page.
  m = await open({ ...base2, scenarios: [{ name: '', instruments: [] }, { name: 'Bostad \u202eförst', instruments: [] }] });
  assert(m.shown.includes('Scenario 1, namn') && m.shown.includes('riktning'), `the name is refused: ${m.shown}`);
  assert(!(await page.evaluate(() => /[\u202a-\u202e\u2066-\u2069]/.test(document.body.textContent))), 'no text-direction character on the page');
  // In the editor too, at the field.
  await page.goto('about:blank');
  await page.goto(base);
  await done(page);
  await page.click('#add-scenario');
  await page.click('#run');
  await done(page);
  const name = 'fieldset.scenario[data-index="1"] legend input';
  await page.fill(name, 'abc\u202edef');
  await page.press(name, 'Enter');
  assert(await page.$eval(name, (i) => i.getAttribute('aria-invalid')) === 'true' && (await page.textContent('fieldset.scenario[data-index="1"] .field-error')).includes('riktning'), 'refused at the field');
  assert((await stateOf(page)).scenarios[1].name === 'Scenario 1', 'the name is kept as it was');
});

await test('(#36.10) accessibility: axe-core finds nothing serious or critical with every <details> open, in both languages; scroll boxes take the keyboard; headings in order; the live region speaks the page\'s language', async (page) => {
  await page.goto(base);
  await done(page);
  await addHousingFirst(page, 40);
  await page.selectOption('fieldset.scenario[data-index="1"] select.add-condition', 'unemployment_pct');
  await page.click('fieldset.scenario[data-index="1"] button.add-condition-button');
  await page.click('#more-charts > summary');
  await page.waitForFunction(() => window.hemmaCharts().sit1_per_10k.width > 300);
  await page.evaluate(readFileSync(join(here, '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8'));
  const audit = async () => {
    await page.$$eval('details', (ds) => ds.forEach((d) => { d.open = true; }));
    return page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}, ${v.nodes.length}): ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`));
  };
  /** Headings that go down more than one level from the one before (h1 → h3). */
  const jumps = () => page.$$eval('h1, h2, h3, h4, h5, h6', (hs) => hs.filter((h) => h.getClientRects().length).map((h) => Number(h.tagName[1]))
    .flatMap((n, k, all) => (k > 0 && n > all[k - 1] + 1 ? [`h${all[k - 1]} → h${n}`] : [])));
  let found = await audit();
  assert(found.length === 0, `violations (sv):\n  ${found.join('\n  ')}`);
  assert((await jumps()).length === 0, `heading order: ${await jumps()}`);
  // Every scroll box of a table can be reached and scrolled with the keyboard, and says what it holds.
  const boxes = await page.$$eval('.scroll', (bs) => bs.map((b) => [b.tabIndex, b.getAttribute('role'), b.getAttribute('aria-label') ?? '']));
  assert(boxes.length > 10 && boxes.every(([tab, role, label]) => tab === 0 && role === 'region' && label.length > 0), `scroll boxes: ${JSON.stringify(boxes.slice(0, 3))}`);
  // The announcement follows the language.
  assert((await page.textContent('#announce')).startsWith('Körningen är klar'), 'announced in Swedish');
  await page.click('#lang');
  assert((await page.textContent('#announce')).startsWith('The run is done'), `the live region in English after the switch: ${await page.textContent('#announce')}`);
  found = await audit();
  assert(found.length === 0, `violations (en):\n  ${found.join('\n  ')}`);
  assert((await jumps()).length === 0, `heading order (en): ${await jumps()}`);
  // A custom place's form and a phone.
  await page.selectOption('#preset', 'custom');
  await done(page);
  found = await audit();
  assert(found.length === 0, `violations (custom place):\n  ${found.join('\n  ')}`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.click('#edit-phone');
  found = await audit();
  assert(found.length === 0, `violations (phone, editor open):\n  ${found.join('\n  ')}`);
});

await test('(#36.8) charts and exports: Mkr on cost axes that never overlap their unit, year ticks on 1 January, changed conditions marked, a 2× PNG and an SVG whose legend and footer wrap inside it, and "Visa från 2020"', async (page) => {
  const state = { v: 2, lang: 'sv', preset: 'sverige', years: 10, replications: 2, scenarios: [{ name: '', instruments: [] },
    { name: 'Bostad först och högre arbetslöshet', instruments: [{ kind: 'housing_first', start: 2027, end: null, settings: { places: 2000 } }], conditions: [{ driver: 'unemployment_pct', from: 2029, pct: 150 }] }] };
  await page.goto(base + linkOf(state));
  await done(page);
  const g = await page.evaluate(() => window.hemmaCharts());
  // Costs in Mkr, on an axis as wide as its values.
  assert(g.cost_total_sek.unit === 'Mkr per år' && g.cost_total_sek.y[1] < 100000, `the cost axis in Mkr: ${JSON.stringify([g.cost_total_sek.unit, g.cost_total_sek.y])}`);
  const tight = await page.evaluate((charts) => {
    const ctx = document.createElement('canvas').getContext('2d');
    return Object.entries(charts).filter(([, c]) => c.yAxis.values).map(([id, c]) => {
      ctx.font = c.yAxis.font;
      const widest = Math.max(...c.yAxis.values.map((v) => ctx.measureText(v).width)) / c.yAxis.pxRatio;
      return [id, Math.round(widest), c.yAxis.size];
    }).filter(([, widest, size]) => widest + 12 > size);
  }, g);
  assert(tight.length === 0, `y values wider than their axis (they would run into the unit): ${JSON.stringify(tight)}`);
  // Year ticks on 1 January, where the instrument's line and today's are.
  const jan1 = (s) => { const d = new Date(s * 1000); return d.getUTCMonth() === 0 && d.getUTCDate() === 1; };
  assert(g.homeless_per_10k.tickTimes.length > 3 && g.homeless_per_10k.tickTimes.every(jan1) && g['diff-homeless_per_10k'].tickTimes.every(jan1), `ticks: ${g.homeless_per_10k.tickTimes.map((s) => new Date(s * 1000).toISOString().slice(0, 10))}`);
  // The changed condition is marked on the charts, listed and explained.
  assert(g.homeless_per_10k.events.includes(Date.UTC(2029, 0, 1) / 1000), `the condition's line at January 2029: ${g.homeless_per_10k.events}`);
  assert((await page.textContent('#events')).includes('2029-01: Bostad först och högre arbetslöshet — Arbetslöshet 150 % av nivån 2026'), `listed: ${await page.textContent('#events')}`);
  assert((await page.$$eval('#chart-homeless_per_10k .legend li', (l) => l.map((x) => x.textContent))).includes('förutsättning ändras'), 'and in the legend');
  // The SVG: legend, note and provenance wrapped inside its width; the condition's line dotted.
  const [svgFile] = await Promise.all([page.waitForEvent('download'), page.click('#chart-homeless_per_10k button.svg')]);
  const svg = readFileSync(await svgFile.path(), 'utf8');
  assert(svg.includes('stroke-dasharray="2,3"') && svg.includes('förutsättning ändras'), 'the condition in the file');
  const overflow = await page.evaluate((text) => {
    const holder = document.createElement('div');
    holder.innerHTML = text;
    document.body.append(holder);
    const s = holder.querySelector('svg');
    const width = Number(s.getAttribute('width'));
    const box = s.getBoundingClientRect();
    const texts = [...s.querySelectorAll('text')].map((t) => [t, t.getBoundingClientRect()]).filter(([, r]) => r.width > 0);
    const out = texts.filter(([, r]) => r.right > box.right + 1 || r.left < box.left - 1).map(([t]) => t.textContent.slice(0, 50));
    const bottom = Math.max(...texts.map(([, r]) => r.bottom)) - box.top;
    holder.remove();
    return { out, bottom, height: Number(s.getAttribute('height')), width };
  }, svg);
  assert(overflow.out.length === 0 && overflow.bottom <= overflow.height, `text outside the ${overflow.width}×${overflow.height} file: ${JSON.stringify(overflow)}`);
  // The PNG: that drawing at twice its size.
  const [pngFile] = await Promise.all([page.waitForEvent('download'), page.click('#chart-cost_total_sek button.png')]);
  const png = readFileSync(await pngFile.path());
  assert(png.readUInt32BE(16) === 2000 && png.readUInt32BE(20) > 2 * 420, `a 2× PNG: ${png.readUInt32BE(16)}×${png.readUInt32BE(20)}`);
  writeFileSync(join(out, 'export-cost-2x.png'), png);
  // "Visa från 2020": the charts and their tables from 2020 on.
  await page.check('#from-2020');
  const from = await page.evaluate(() => window.hemmaCharts().homeless_per_10k.x[0]);
  const years = await page.$$eval('table.data[data-output="homeless_per_10k"] tbody tr td:first-child', (c) => c.map((x) => x.textContent));
  assert(from === Date.UTC(2020, 0, 1) / 1000 && years[0] === '2020' && years.includes('2035'), `from 2020: ${new Date(from * 1000).toISOString()} ${years.slice(0, 3)}`);
  await page.screenshot({ path: join(out, 'from-2020.png') });
  await page.uncheck('#from-2020');
  assert((await page.$$eval('table.data[data-output="homeless_per_10k"] tbody tr td:first-child', (c) => c.map((x) => x.textContent)))[0] === '2011', 'and back from 2011');
});
