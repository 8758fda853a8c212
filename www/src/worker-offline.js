// The simulation worker of the offline single file: a classic script (module
// workers cannot start from a blob at file://) placed after wasm-bindgen's
// `no-modules` glue, which defines the global `wasm_bindgen`; the Wasm bytes
// come inlined as base64 in self.HEMMA_WASM_BASE64.
import { serve } from './worker-core.js';

/* global wasm_bindgen */
serve(wasm_bindgen, () => {
  const bytes = Uint8Array.from(atob(self.HEMMA_WASM_BASE64), (c) => c.charCodeAt(0));
  return wasm_bindgen({ module_or_path: bytes });
});
