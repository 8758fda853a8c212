// Unit tests of the instruments' notes (www/src/notes.js), on the committed
// scenario files.
//
//   node --test tests/notes.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { instrumentNotes } from '../src/notes.js';

const dir = new URL('../../scenarios/', import.meta.url);

test('each instrument of a scenario file gets the comment written above it', () => {
  const toml = '# a file\nname = "x"\n\n# first, line one\n# line two\n[[instruments]]\nkind = "a"\n\n[[instruments]]\nkind = "b"  # no note\n';
  assert.deepEqual(instrumentNotes(toml), ['first, line one line two', '']);
});

test('every instrument of every preset says where it comes from (seed 002 or an assumption)', () => {
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.toml'))) {
    const toml = readFileSync(new URL(file, dir), 'utf8');
    const notes = instrumentNotes(toml);
    assert.equal(notes.length, (toml.match(/^\[\[instruments\]\]$/gm) ?? []).length, file);
    for (const n of notes) assert.match(n, /002|assumption|Socialstyrelsen|Kronofogden|national/i, `${file}: ${n}`);
  }
});
