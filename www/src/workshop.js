// The workshop view: the clock that plays, pauses and steps through the
// projection (forward and back), its speed and keys (Space, →/PageDown,
// ←/PageUp, Home, End), and the full-screen QR code of the scenario's link.
import { toHash, toShortHash } from './link.js';
import QRCode from 'qrcode';
import { locale } from './format.js';
import { fmt, store, t } from './store.js';
import { $, showError } from './dom.js';
import { render } from './charts.js';
import { historyPeriods, period } from './series.js';
import { followClock } from './headline-view.js';

/** Sets the workshop clock to month `i` from the scenario start (null: show everything). */
export function setReveal(i) {
  store.reveal = i;
  followClock();
  // The clock in the page's language ("april 2013"); its ISO month (2013-04) as data.
  const p = i === null || !store.results ? null : period(i, true);
  $('#reveal').textContent = p ? new Intl.DateTimeFormat(locale(store.state.lang), { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(p.year, p.month ?? 0, 15))) : '';
  $('#reveal').dataset.month = p ? p.label : '';
  render();
}

/** The clock's first and last month: the projection's (the history is always shown). */
function clockRange() {
  const first = historyPeriods(true);
  return [first, first + store.state.years * 12 - 1];
}

/** Advances the workshop clock by `months`, from the start again after the last month. */
export function stepMonths(months) {
  if (!store.results) return;
  const [first, last] = clockRange();
  setReveal(store.reveal === null || store.reveal >= last ? first : Math.min(last, store.reveal + months));
  if (store.reveal >= last) stopPlay();
}

/** Moves the workshop clock back by `months`, to the projection's first month at most. */
export function stepBack(months) {
  if (!store.results) return;
  const [first] = clockRange();
  setReveal(Math.max(first, (store.reveal ?? first) - months));
}

/** Sets the workshop clock to the projection's first (`end` false) or last month. */
export function jumpTo(end) {
  if (!store.results) return;
  const [first, last] = clockRange();
  setReveal(end ? last : first);
}

/** Pauses the clock (and draws the data tables, skipped while playing). */
export function stopPlay() {
  const was = store.playing !== null;
  clearInterval(store.playing);
  store.playing = null;
  $('#play').textContent = t().play;
  if (was) render(); // the data tables, skipped while store.playing
}

/** Months per second asked for (the speed control). */
export const speed = () => store.speed;

/**
 * Plays the clock at the chosen speed and states the pace achieved (months
 * per second over the last few seconds), so that a slow machine shows it.
 */
export function play() {
  if (store.reveal === null) setReveal(store.results ? historyPeriods(true) : null);
  const marks = [];
  store.playing = setInterval(() => {
    stepMonths(1);
    const now = performance.now();
    marks.push(now);
    while (marks.length > 1 && now - marks[0] > 3000) marks.shift();
    if (marks.length > 2) {
      const pace = ((marks.length - 1) * 1000) / (now - marks[0]);
      $('#pace').textContent = t().pace(fmt(pace, 1));
      $('#pace').dataset.pace = pace.toFixed(2);
    }
  }, 1000 / speed());
  $('#play').textContent = t().pause;
}

/** Play or pause (Space, the Play button). */
export function togglePlay() {
  if (store.playing) stopPlay(); else play();
}

/**
 * A workshop button clicked with the mouse gives focus back to the page, so
 * that the next Space or → is the clock's and does not press the button
 * again (from the keyboard, focus stays where the user is).
 */
const clicked = (fn) => (e) => { if (e.detail > 0) e.currentTarget.blur(); fn(); };

$('#play').addEventListener('click', clicked(togglePlay));
// A new speed applies at once; focus returns to Play, so that Space and the clicker work again.

$('#speed').addEventListener('change', () => {
  store.speed = Number($('#speed').value) || 4;
  if (store.playing) { clearInterval(store.playing); store.playing = null; play(); }
  $('#play').focus();
});

$('#step').addEventListener('click', clicked(() => { stopPlay(); stepMonths(1); }));

$('#step-year').addEventListener('click', clicked(() => { stopPlay(); stepMonths(12); }));

/**
 * The workshop's keys, as presenter clickers send them: Space plays and
 * pauses; → and PageDown step a month ahead, ← and PageUp a month back;
 * Home and End go to the projection's first and last month.
 */
export const WORKSHOP_KEYS = {
  ' ': togglePlay,
  ArrowRight: () => { stopPlay(); stepMonths(1); },
  PageDown: () => { stopPlay(); stepMonths(1); },
  ArrowLeft: () => { stopPlay(); stepBack(1); },
  PageUp: () => { stopPlay(); stepBack(1); },
  Home: () => { stopPlay(); jumpTo(false); },
  End: () => { stopPlay(); jumpTo(true); },
};

/** Whether a key in workshop mode is the clock's: not in a field, not while the QR code is shown, without modifiers. */
const clockKey = (e) => store.workshop && !e.altKey && !e.ctrlKey && !e.metaKey && $('#qr-view').hidden && !e.target.closest?.('input, select, textarea') && e.key in WORKSHOP_KEYS;

document.addEventListener('keydown', (e) => {
  if (store.workshop && !$('#qr-view').hidden) { if (e.key === 'Escape') closeQr(); return; }
  if (!clockKey(e)) return;
  // The page has the key, also when a button has focus (Space would press it; the arrows would scroll).
  e.preventDefault();
  WORKSHOP_KEYS[e.key]();
});
// A button presses on Space's keyup: in workshop mode that key was the clock's.
document.addEventListener('keyup', (e) => { if (clockKey(e) && e.key === ' ') e.preventDefault(); });

/** This page with the scenario set as a short link (`#z=`), for the QR codes: fewer characters, larger modules. */
async function shortLink() {
  return location.href.split('#')[0] + (await toShortHash(store.state));
}

/** The link to take home, full screen and large enough to scan from the back of a room. */
export async function showQr() {
  history.replaceState(null, '', toHash(store.state));
  const view = $('#qr-view');
  const size = Math.max(400, Math.floor(Math.min(window.innerWidth, window.innerHeight) * 0.8));
  await QRCode.toCanvas($('#qr-big'), await shortLink(), { width: size, margin: 2, errorCorrectionLevel: 'L' });
  view.hidden = false;
  $('#close-qr').focus();
}

/** Closes the full-screen QR code; focus returns to its button. */
export function closeQr() {
  $('#qr-view').hidden = true;
  $('#show-qr').focus();
}

$('#show-qr').addEventListener('click', () => showQr().catch((e) => showError(e.message)));

$('#close-qr').addEventListener('click', closeQr);

$('#qr-view').addEventListener('click', (e) => { if (e.target === $('#qr-view')) closeQr(); });

$('#workshop').addEventListener('click', async (e) => {
  if (e.detail > 0) e.currentTarget.blur(); // the next Space is the clock's, not this button's
  store.workshop = !store.workshop;
  const on = store.workshop;
  document.body.classList.toggle('workshop', on);
  $('#workshop').setAttribute('aria-pressed', String(on));
  $('#workshop').textContent = on ? t().workshopOn : t().workshopOff;
  if (on && document.documentElement.requestFullscreen && !document.fullscreenElement) {
    try { await document.documentElement.requestFullscreen(); } catch { /* not allowed without a gesture in some browsers */ }
  }
  if (on) {
    // The link to take home: the whole scenario set, as a QR code and as text.
    history.replaceState(null, '', toHash(store.state));
    const canvas = $('#qr');
    const link = await shortLink();
    if (location.protocol !== 'file:') {
      try { await QRCode.toCanvas(canvas, link, { width: 220, margin: 1, errorCorrectionLevel: 'L' }); } catch (e) { canvas.hidden = true; }
    }
    $('#qr-url').textContent = link.length > 90 ? link.slice(0, 87) + '…' : link;
    $('#qr-url').dataset.link = link;
  }
  if (!on) { stopPlay(); setReveal(null); if (document.fullscreenElement) document.exitFullscreen?.(); }
  store.workshopTrim = 0; // measured again for this layout
  Object.values(store.charts).forEach((c) => { c.plot?.destroy(); c.plot = null; });
  render();
});
