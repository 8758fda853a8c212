// The simulation worker of the served build: an ES-module worker that loads
// the wasm-bindgen module beside it (see worker-core.js for the protocol).
import init, * as wasm from './pkg/hemma.js';
import { serve } from './worker-core.js';

serve(wasm, () => init());
