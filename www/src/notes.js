// Where a preset's instruments come from: the comment paragraph written
// above each `[[instruments]]` of its scenario file (scenarios/*.toml), e.g.
// "002, Karlstad: social contracts rose from 40-50 a year to 220 in 2012 …".
// Pure, unit-tested under Node (tests/notes.test.mjs).

/**
 * The comment above each `[[instruments]]` table of a scenario file, in
 * order, as one paragraph each ('' where there is none). Comments after a
 * blank line that precedes the table still belong to it; a comment block
 * ends at a line that is neither a comment nor blank.
 */
export function instrumentNotes(toml) {
  const notes = [];
  let block = [];
  for (const raw of toml.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#')) { block.push(line.replace(/^#+\s?/, '')); continue; }
    if (line === '') continue;
    if (line === '[[instruments]]') notes.push(block.join(' ').replace(/\s+/g, ' ').trim());
    block = [];
  }
  return notes;
}
