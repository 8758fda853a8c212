// The scenario set's URL forms: `#s=` (base64url of its JSON, readable, as
// the address bar shows it) and `#z=` (compressed, for QR codes). A link is
// untrusted: its size is bounded before it is unpacked, and what it holds is
// checked field by field by www/src/state.js (`check`).
import { check } from './state.js';

/** Text or bytes as base64url (the alphabet a URL keeps as it is). */
function b64urlEncode(data) {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function b64urlBytes(s) {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw Object.assign(new Error('the link contains characters that cannot be part of a scenario'), { rule: { k: 'badCharacters' } });
  return Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
}

function b64urlDecode(s) {
  return new TextDecoder('utf-8', { fatal: true }).decode(b64urlBytes(s));
}

/** The longest link part a page reads (characters after `#s=` or `#z=`). */
export const MAX_LINK_CHARS = 20000;
/** The most a short link may unpack to (bytes): far more than five scenarios of twenty instruments take. */
export const MAX_UNPACKED_BYTES = 100000;

/** The state as a readable link (`#s=`: base64url of its JSON), as the address bar shows it. */
export function toHash(state) {
  return '#s=' + b64urlEncode(JSON.stringify(state));
}

/**
 * The state as a short link for QR codes: `#z=`, base64url of its JSON
 * compressed with raw DEFLATE (the browser's CompressionStream), about a
 * third shorter than `#s=`, so the code has fewer, larger modules.
 */
export async function toShortHash(state) {
  const packed = new Blob([JSON.stringify(state)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return '#z=' + b64urlEncode(new Uint8Array(await new Response(packed).arrayBuffer()));
}

/** Reads a state from a readable link (`#s=`); throws an Error naming the first problem. */
export function fromHash(hash, catalogue) {
  const m = /^#s=(.*)$/.exec(hash);
  if (!m) throw Object.assign(new Error('the link has no scenario (#s=… or #z=…)'), { rule: { k: 'noScenario' } });
  if (m[1].length > MAX_LINK_CHARS) throw Object.assign(new Error('the link is too long'), { rule: { k: 'tooLong' } });
  let obj;
  try {
    obj = JSON.parse(b64urlDecode(m[1]));
  } catch (e) {
    throw Object.assign(new Error(`the link is damaged (${e.message})`), { rule: e.rule ?? { k: 'damaged' } });
  }
  return check(obj, catalogue);
}

/**
 * Reads a state from either kind of link (`#s=` or the short `#z=`);
 * rejects with an Error naming the first problem. A short link is unpacked
 * only up to `MAX_UNPACKED_BYTES`, so a crafted one cannot fill the memory.
 */
export async function fromLink(hash, catalogue) {
  const m = /^#z=(.*)$/.exec(hash);
  if (!m) return fromHash(hash, catalogue);
  if (m[1].length > MAX_LINK_CHARS) throw Object.assign(new Error('the link is too long'), { rule: { k: 'tooLong' } });
  let obj;
  try {
    const reader = new Blob([b64urlBytes(m[1])]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
    const parts = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > MAX_UNPACKED_BYTES) {
        await reader.cancel();
        throw Object.assign(new Error(`it unpacks to more than ${MAX_UNPACKED_BYTES} bytes`), { rule: { k: 'tooBig', bytes: MAX_UNPACKED_BYTES } });
      }
      parts.push(value);
    }
    obj = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(await new Blob(parts).arrayBuffer())));
  } catch (e) {
    throw Object.assign(new Error(`the link is damaged (${e.message})`), { rule: e.rule ?? { k: 'damaged' } });
  }
  return check(obj, catalogue);
}

