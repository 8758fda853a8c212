// Starts the simulation worker of the served build (a module worker beside
// the page). The offline single file replaces this module with
// make-worker-offline.js (see vite.offline.config.js).
export function makeWorker() {
  return new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
}
