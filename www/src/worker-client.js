// The client of the simulation worker (the model in WebAssembly): starts it,
// asks it questions (promises by message id), and hands the current run's
// messages to the store (which tells the renderers); a panic replaces the
// worker. It knows no renderer.
import { makeWorker } from './make-worker.js';
import { TEXT } from './i18n.js';
import { receiveCatalogue, receiveProgress, receiveResults, setRun, store, t } from './store.js';
import { showError } from './dom.js';

let worker = null;

const pending = new Map();

/** Asks the worker a question; resolves with its answer (rejects with its error). */
export const ask = (msg) => new Promise((resolve, reject) => {
  const id = `q${++store.runId}`;
  pending.set(id, { resolve, reject });
  worker.postMessage({ ...msg, id });
});

/** Starts the simulation worker (again, after an internal error). */
export function startWorker() {
  worker = makeWorker();
  worker.onmessage = onWorkerMessage;
  worker.onerror = (e) => { showError(TEXT[store.state.lang].errors.worker, e.message); setRun('error'); };
}

/** Routes the worker's messages: answers to questions, then the current run's progress, updates and end. */
export function onWorkerMessage(e) {
  const m = e.data;
  if (m.type === 'ready') { if (!store.catalogue) receiveCatalogue(m.catalogue); return; }
  if (m.type === 'error' && m.internal) { internalError(m.message); return; }
  if (pending.has(m.id)) {
    const p = pending.get(m.id);
    pending.delete(m.id);
    if (m.type === 'error') p.reject(new Error(m.message)); else p.resolve(m);
    return;
  }
  if (m.id !== store.currentRun) return;
  if (m.type === 'progress') { receiveProgress(m.done / m.total); return; }
  if (m.type === 'update') { receiveResults(m); return; }
  // A kept history is not simulated again, so the count of months falls short: done is done.
  if (m.type === 'done' || m.type === 'cancelled') { setRun(m.type); return; }
  if (m.type === 'error') { setRun('error'); showError(t().errors.worker, m.message); }
}

/**
 * The model panicked: show its message, fail what was waiting, and replace
 * the worker — a trapped WebAssembly instance is not reused. The charts of
 * the last good run stay; Run works again at once.
 */
export function internalError(message) {
  showError(t().errors.internal, message);
  for (const p of pending.values()) p.reject(new Error(message));
  pending.clear();
  store.currentRun = null;
  setRun('error');
  worker.terminate();
  if (store.catalogue) startWorker(); // a worker that never started would fail again
}

/** For the browser tests: makes the model panic on purpose (see `panic_on_purpose` in crate/wasm.rs). */
window.hemmaSelfTest = () => ask({ type: 'panic', message: 'self-test of the internal-error path' });

/** Posts a message to the worker (a run, a cancellation) without waiting for an answer. */
export function post(msg) {
  worker.postMessage(msg);
}
