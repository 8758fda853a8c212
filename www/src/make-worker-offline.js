// Starts the simulation worker of the offline single file: a classic worker
// from a blob of the inlined source (globalThis.HEMMA_WORKER_SOURCE).
export function makeWorker() {
  const blob = new Blob([globalThis.HEMMA_WORKER_SOURCE], { type: 'text/javascript' });
  return new Worker(URL.createObjectURL(blob));
}
