// Unit tests of the page's store (www/src/store.js) under Node's test
// runner: changes from the worker are announced by topic, in order, and a
// finished run is announced once.
//
//   node --test tests/store.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { store, subscribe, receiveResults, receiveProgress, setRun, TOPICS } from '../src/store.js';

test('a topic the store does not have is refused with the topics it has', () => {
  assert.throws(() => subscribe('resluts', () => {}), (e) => e.message.includes('"resluts"') && TOPICS.every((t) => e.message.includes(t)));
});

test('results reach every subscriber of their topic, in the order they subscribed, and no other', () => {
  const heard = [];
  subscribe('results', () => heard.push(['first', store.results.n]));
  subscribe('results', () => heard.push(['second', store.results.n]));
  subscribe('progress', () => heard.push(['progress', store.run.progress]));
  receiveResults({ n: 1 });
  receiveResults({ n: 2 });
  assert.deepEqual(heard, [['first', 1], ['second', 1], ['first', 2], ['second', 2]]);
  receiveProgress(0.5);
  assert.deepEqual(heard.at(-1), ['progress', 0.5]);
});

test('a run is announced when it starts and once when it is done, with all of it done', () => {
  const states = [];
  subscribe('run', () => states.push([store.run.state, store.run.progress]));
  setRun('running');
  receiveProgress(0.4);
  setRun('done');
  assert.deepEqual(states, [['running', 0], ['done', 1]]);
  // A cancelled run keeps how far it got.
  setRun('running');
  receiveProgress(0.3);
  setRun('cancelled');
  assert.deepEqual(states.at(-1), ['cancelled', 0.3]);
});

test('an acted user action changes the scenario set and is announced once; an edit waits for "Kör"', async () => {
  const { act, edit } = await import('../src/store.js');
  const actions = await import('../src/actions.js');
  let heard = 0;
  subscribe('scenarios', () => { heard += 1; });
  edit(actions.addScenario);
  assert.equal(heard, 0, 'an added scenario at its defaults does not run');
  assert.equal(store.state.scenarios.length, 2);
  act(actions.setYears, 20);
  assert.equal(heard, 1);
  assert.equal(store.state.years, 20);
});
