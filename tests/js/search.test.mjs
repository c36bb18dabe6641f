// The query engine of themes/default/static/search-engine.js (through the
// UI file search.js, which re-exports it) over an index that
// tests/integration/js_search.rs builds with build_index and writes to KURATOR_INDEX_DIR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadIndex, search } from './harness.mjs';

const ENGINE = '../../themes/default/static/search-engine.js';

test('the engine stands alone: no DOM, and search.js hands on the same functions', () => {
  const engine = createRequire(import.meta.url)(ENGINE);
  const source = readFileSync(new URL(ENGINE, import.meta.url), 'utf8');
  assert.doesNotMatch(source, /\bdocument\b|\blocation\b|createElement/, 'no DOM in the engine');
  for (const name of ['normalize', 'words', 'stem', 'wordTerms', 'decodePostings', 'withinOneEdit', 'snippet', 'Engine']) {
    assert.equal(typeof engine[name], 'function', name);
    assert.equal(search[name], engine[name], `search.js re-exports ${name}`);
  }
  assert.equal(typeof search.renderSegments, 'function');
});

const dir = process.env.KURATOR_INDEX_DIR;
const skip = !dir && 'KURATOR_INDEX_DIR not set (run through cargo test)';
const index = dir ? loadIndex(dir) : null;
const urls = async (q) => (await index.search(q)).results.map((r) => r.url);
const first = async (q) => (await urls(q))[0];

test('inflected forms and hyphenated words find the page and section', { skip }, async () => {
  for (const q of ['аккаунт-менеджер', 'аккаунт-менеджера', 'аккаунт-менеджерами', 'менеджерам', 'аккаунт']) {
    assert.equal(await first(q), 'role/account-manager/', q);
  }
  assert.equal(await first('обязанности аккаунт-менеджеров'), 'role/account-manager/#obyazannosti');
  assert.match(await first('отчёты'), /^duties\/reporting\//, 'ё in the query');
});

test('Latin terms inside Russian text', { skip }, async () => {
  assert.equal(await first('KPI'), 'role/account-manager/#kpi');
  assert.equal(await first('ltv'), 'role/account-manager/#kpi');
  assert.equal(await first('CRM-системы'), 'tools/crm/#crm');
  assert.ok((await urls('B2B')).includes('tools/crm/#crm'));
});

test('prefix match on the last word only', { skip }, async () => {
  assert.equal(await first('отчетн'), 'duties/reporting/');
  assert.equal(await first('коммуник'), 'role/account-manager/#obyazannosti');
  assert.equal((await index.search('коммун ')).total, 0, 'a finished word is not a prefix');
});

test('one typo in a long word, ranked below exact matches', { skip }, async () => {
  assert.equal(await first('отчетнось'), 'duties/reporting/');
  const res = await index.search('сроки');
  const order = res.results.map((r) => r.url);
  assert.ok(order.includes('tools/tables/'), 'строки is one edit from сроки');
  assert.equal(order.at(-1), 'tools/tables/', `typo hit last: ${order}`);
  assert.equal(res.results.at(-1).typos, 1);
  assert.equal((await index.search('срк')).total, 0, 'no typos under five letters');
});

test('AND first, then (when few pages have every word) pages with some; OR when none has all', { skip }, async () => {
  const and = await index.search('клиент договор');
  assert.equal(and.mode, 'and');
  const all = and.results.filter((r) => r.matched === 2).map((r) => r.url);
  assert.deepEqual(all.sort(), ['duties/budget/', 'role/account-manager/']);
  assert.deepEqual(and.results.slice(0, 2).map((r) => r.matched), [2, 2], 'pages with every word come first');
  assert.ok(and.results.slice(2).every((r) => r.matched === 1), 'then pages with one of them');
  const or = await index.search('отчет бюджет');
  assert.equal(or.mode, 'or');
  assert.deepEqual(or.results.map((r) => r.url.split('#')[0]).sort(), ['duties/budget/', 'duties/reporting/']);
  assert.equal((await index.search('и в на')).mode, 'none', 'stop words only');
});

test('title hit ranks above body hit', { skip }, async () => {
  const order = await urls('договоры');
  assert.equal(order[0], 'duties/deadlines/', order.join(' '));
  assert.ok(order.includes('duties/budget/'));
});

test('synonyms from the config apply at query time', { skip }, async () => {
  assert.equal(await first('люди'), 'team/');
  assert.equal(await first('ключевые показатели'), 'role/account-manager/#kpi');
});

test('results carry title, breadcrumb and highlighted snippet', { skip }, async () => {
  const [r] = (await index.search('продление договоров')).results;
  assert.equal(r.title, 'Аккаунт-менеджер');
  assert.deepEqual(r.breadcrumb, ['База знаний', 'Роль']);
  assert.equal(r.heading, 'Обязанности');
  const marked = r.segments.filter((s) => s.mark).map((s) => s.text);
  assert.deepEqual(marked, ['продление', 'договоров']);
});

// A fake DOM that records what is built and refuses innerHTML.
function fakeDocument() {
  const node = (tag) => ({
    tag,
    children: [],
    textContent: '',
    appendChild(c) { this.children.push(c); return c; },
    set innerHTML(_) { throw new Error('innerHTML used'); },
  });
  return { createElement: node, createTextNode: (text) => ({ tag: '#text', text }) };
}

test('markup in content is shown as text', { skip }, async () => {
  const [r] = (await index.search('опасного текста')).results;
  assert.equal(r.url, 'security/');
  const doc = fakeDocument();
  const p = search.renderSegments(doc, doc.createElement('p'), r.segments);
  const text = p.children.map((c) => (c.tag === '#text' ? c.text : c.textContent)).join('');
  assert.ok(text.includes('<script>alert(1)</script>'), text);
  assert.deepEqual(p.children.filter((c) => c.tag === 'mark').map((c) => c.textContent), ['опасного', 'текста']);
  assert.ok(p.children.every((c) => c.tag === '#text' || c.tag === 'mark'));
});

test('fragments load only for the results presented', { skip }, async () => {
  const fresh = loadIndex(dir);
  await fresh.search('договоры', 1);
  const fragments = fresh.requested.filter((n) => n.startsWith('f/'));
  assert.equal(fragments.length, 1, fresh.requested.join(' '));
  assert.ok(fresh.requested.includes('meta'));
});

test('pure helpers', () => {
  assert.deepEqual(search.words('Ёж-ёжик, B2B 3.5').map((w) => w.parts), [['еж', 'ежик'], ['b2b'], ['3.5']]);
  assert.deepEqual(search.decodePostings('00103V'), [0, 0, 1, 0, 3, 31]);
  assert.ok(search.withinOneEdit('отчет', 'отчте'));
  assert.ok(search.withinOneEdit('срок', 'строк'));
  assert.ok(!search.withinOneEdit('отчет', 'очтте'));
});

// Postings in the index's varint encoding (src/search/shard.rs), with the
// full count first when the list was cut.
function encode(postings, fullCount) {
  const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  const varint = (n) => {
    let out = '';
    do {
      const low = n & 31;
      n = Math.floor(n / 32);
      out += DIGITS[n ? low | 32 : low];
    } while (n);
    return out;
  };
  let out = fullCount ? `~${varint(fullCount)}.` : '', previous = 0;
  for (const [page, section, score] of postings) {
    out += varint(page - previous) + varint(section) + varint(score);
    previous = page;
  }
  return out;
}

// An engine over an index held in memory: one shard, pages × 4 sections.
function memoryEngine(terms, pages) {
  const data = {
    meta: { entries: pages * 4, pages, sections: 4, shards: [''], stop: [], synonyms: {}, language: 'ru' },
    't/0': terms,
  };
  return new search.Engine((name) => Promise.resolve(data[name]));
}

test('a cut postings list: IDF from the full count, and the answer says it is cut', async () => {
  const list = [[0, 1, 31], [2, 0, 5], [40, 3, 9]];
  const whole = memoryEngine({ клиент: encode(list) }, 50);
  const cut = memoryEngine({ клиент: encode(list, 150) }, 50);
  assert.deepEqual(search.decodePostings(encode(list, 150)), list.flat());
  await whole.ready();
  await cut.ready();
  const a = await whole.query('клиент'), b = await cut.query('клиент');
  assert.deepEqual(b.hits.map((h) => [h.page, h.section]), a.hits.map((h) => [h.page, h.section]));
  assert.equal(a.cut, false);
  assert.equal(b.cut, true);
  assert.ok(cut.idf('клиент') < whole.idf('клиент'), 'a word on 150 of 200 entries weighs less than one on 3');
  assert.equal(cut.termPostings('клиент').df, 150);
});

test('query(text, limit) keeps the first hits of the full order; buffers are reused cleanly', async () => {
  // Two words on 300 pages with scores that tie often: the order must come
  // out the same whatever the limit, and a second query must not see the
  // first one's entries.
  const pages = 300;
  const a = [], b = [];
  for (let p = 0; p < pages; p++) {
    a.push([p, p % 4, (p * 7) % 31 + 1]);
    if (p % 3) b.push([p, (p + 1) % 4, (p * 11) % 31 + 1]);
  }
  const engine = memoryEngine({ отчет: encode(a), клиент: encode(b) }, pages);
  await engine.ready();
  for (const q of ['отчет', 'отчет клиент', 'клиент']) {
    const all = await engine.query(q);
    for (const limit of [1, 8, 50]) {
      const some = await engine.query(q, limit);
      assert.equal(some.total, all.total, q);
      assert.deepEqual(some.hits.map((h) => h.page), all.hits.slice(0, limit).map((h) => h.page), `${q}, limit ${limit}`);
    }
  }
  assert.equal((await engine.query('отчет')).total, pages);
  assert.equal((await engine.query('клиент')).total, 200);
});

// How people ask (tests/search/query-vectors.json has the rules' own cases;
// these run them through the whole engine over the index).
test('question and filler words neither block the match nor steer it', { skip }, async () => {
  const plain = await urls('клиент договор');
  for (const q of ['почему клиент договор', 'можно ли клиент договор', 'сколько вообще клиент договор']) {
    assert.deepEqual(await urls(q), plain, q);
  }
  assert.equal((await index.search('почему')).mode, 'none', 'a query of filler alone is still searched as typed');
});

test('a definition question puts the glossary first', { skip }, async () => {
  assert.equal(await first('crm'), 'tools/crm/#crm');
  assert.equal(await first('что такое crm'), 'glossary/#crm-term');
  assert.equal(await first('CRM это'), 'glossary/#crm-term');
});

test('terms typed in the other script', { skip }, async () => {
  assert.equal(await first('црм'), await first('crm'));
  assert.equal(await first('црм '), await first('crm'), 'a finished word, not only a prefix');
  assert.equal((await index.search('щзщз ')).total, 0, 'unknown in both scripts stays unknown');
  assert.equal(await first('кпи'), 'role/account-manager/#kpi');
  assert.equal(await first('нпс'), 'role/account-manager/#kpi');
  assert.equal(await first('menedzher'), 'role/account-manager/');
  assert.equal(await first('менедж'), 'role/account-manager/', 'a Russian prefix as before');
});

test('the wrong keyboard layout is read the other way and said so', { skip }, async () => {
  const res = await index.engine.query('rkbtyn');
  assert.equal(res.corrected, 'клиент');
  assert.ok(res.total > 0);
  const kpi = await index.engine.query('ЛЗШ');
  assert.equal(kpi.corrected, 'KPI');
  assert.ok(kpi.total > 0);
  assert.equal((await index.engine.query('клиент')).corrected, undefined, 'a good query is left alone');
  const typing = await index.engine.query('rkbt');
  assert.equal(typing.corrected, 'клие', 'a prefix while typing');
  assert.ok(typing.total > 0);
});

test('words joined, hyphenated or apart find each other', { skip }, async () => {
  for (const q of ['онлайн-курс', 'онлайн курс', 'онлайнкурс', 'Онлайн курсы']) {
    assert.equal(await first(q), 'learning/course/', q);
  }
  assert.deepEqual((await urls('ProductStar')).sort(), ['learning/course/', 'learning/schools/']);
  assert.deepEqual((await urls('Product Star')).sort(), ['learning/course/', 'learning/schools/']);
});

test('no result: the nearest words the index has are offered', { skip }, async () => {
  const res = await index.engine.query('дговоор');
  assert.equal(res.total, 0);
  assert.match(res.suggestion, /^договор/);
  const two = await index.engine.query('клиент дговоор');
  assert.ok(two.total > 0, 'one known word still finds pages (OR)');
  const none = await index.engine.query('zzzzqqq');
  assert.equal(none.total, 0);
  assert.equal(none.suggestion, null);
});

test('whole words: what an instant site fetches the text of at once', { skip }, async () => {
  const whole = async (q) => (await index.engine.query(q, 5)).whole;
  assert.equal(await whole('менеджер'), true);
  assert.equal(await whole('менеджерам'), true, 'any form of a word the index has');
  assert.equal(await whole('менедж'), false, 'the start of a word');
  assert.equal(await whole('мен'), false, '«мен» (мена) is a word, but «менеджер» is on more sections: the reader is most likely typing it');
  assert.equal(await whole('мена'), true);
  assert.equal(await whole('мен '), true, 'a space ends the word');
  assert.equal(await whole('договор кл'), false, 'the last word is being typed');
  assert.equal(await whole('договор клиенту'), true);
  assert.equal(await whole('договро'), false, 'a typo is found, and may still be corrected');
  assert.equal(await whole('kpi'), true);
  assert.equal(await whole('люди'), true, 'by a synonym (человек)');
  assert.equal(await whole('zzzz'), false);
});

test('synonym phrases inside a longer query', { skip }, async () => {
  assert.equal(await first('ключевые показатели удержание'), 'role/account-manager/#kpi');
});

// Typing, with fake timers: what runs, when, and what a newer key makes stale.
// `loads(q)`: what the key's prefetch returns (a promise of its files).
function typingRig(readyFor = () => false, loads = () => undefined) {
  const runs = [], prefetched = [];
  let now = 0, timers = [];
  const keys = search.keys({
    ready: readyFor,
    prefetch: (q) => {
      prefetched.push(q);
      return loads(q);
    },
    run: (q, local, live, key, pause) => runs.push({ q, local, live, at: now, key, pause }),
    now: () => now,
    setTimeout: (f, ms) => {
      const t = { f, due: now + ms };
      timers.push(t);
      return t;
    },
    clearTimeout: (t) => { timers = timers.filter((x) => x !== t); },
  });
  const advance = (ms) => {
    now += ms;
    for (const t of timers.filter((x) => x.due <= now)) {
      timers = timers.filter((x) => x !== t);
      t.f();
    }
  };
  // Types `text` letter by letter, `gap` ms a key, the box holding each prefix.
  const type = (text, gap = 60, from = '') => {
    for (const ch of text) {
      from += ch;
      keys.key(from);
      advance(gap);
    }
    return from;
  };
  return { keys, runs, prefetched, advance, type };
}

test('typing: a query the loaded index answers runs at once, any other after the reader pauses', () => {
  const rig = typingRig((q) => q.startsWith('отчет'));
  rig.type('отчет');
  const local = rig.runs.map((r) => r.q);
  assert.deepEqual(local, ['отчет'], 'the first four keys wait, and are typed past before the pause ends');
  assert.equal(rig.runs[0].local, true);
  assert.deepEqual(rig.prefetched, ['о', 'от', 'отч', 'отче'], 'keys that wait fetch the index files they are sure to need');

  const slow = typingRig();
  slow.type('кли', 60);
  slow.advance(89 - 60);
  assert.equal(slow.runs.length, 0, 'nothing runs before the pause');
  slow.advance(1);
  assert.deepEqual(slow.runs.map((r) => [r.q, r.local, r.at]), [['кли', false, 210]], 'the query runs 90 ms after the last key');

  const words = typingRig();
  words.type('отчет ');
  words.advance(299 - 60);
  assert.equal(words.runs.length, 0, 'after a space the reader is most likely typing the next word');
  words.advance(1);
  assert.deepEqual(words.runs.map((r) => r.q), ['отчет ']);
});

test('typing: the pause is the reader\'s own, half as long again as their time between keys', () => {
  assert.equal(search.pauseFor('клиент', 0), 90, 'before the second key: the least');
  assert.equal(search.pauseFor('клиент', 60), 90);
  assert.equal(search.pauseFor('клиент', 150), 225);
  assert.equal(search.pauseFor('отчет ', 60), 300, 'after a space, at least 300');
  assert.equal(search.pauseFor('отчет ', 150), 375, 'two and a half times the rhythm');
  assert.equal(search.pauseFor('клиент', 2000), 500, 'at most 500');
  assert.equal(search.pauseFor('отчет ', 2000), 750, 'at most 750 after a space');

  // At 150 ms a key (80 words a minute) a 90 ms pause would end after every
  // letter and fetch the results of «к», «кл», …; the reader's own pause
  // ends only after the last.
  const person = typingRig();
  person.type('клиент', 150);
  assert.deepEqual(person.runs.map((r) => r.q), ['к'], 'only the first key, before any rhythm, waited 90 ms');
  person.advance(225 - 150 - 1);
  assert.equal(person.runs.length, 1);
  person.advance(1);
  assert.deepEqual(person.runs.map((r) => [r.q, r.pause, r.live()]), [['к', 90, false], ['клиент', 225, true]], 'and «клиент» 225 ms after its key');

  // The wait goes with the key to the run, which counts the text's wait
  // from the key with it.
  const local = typingRig(() => true);
  local.type('отчет', 150);
  assert.deepEqual(local.runs.map((r) => r.pause), [90, 225, 225, 225, 225]);

  // A stop longer than a second is not rhythm: typing on after it keeps
  // the reader's rhythm from before.
  const back = typingRig(() => true);
  back.type('отчет', 60);
  back.advance(5000);
  back.type(' клиенту', 60, 'отчет');
  assert.ok(back.runs.slice(1).every((r) => r.pause === (r.q.endsWith(' ') ? 300 : 90)), back.runs.map((r) => r.pause).join());
});

test('typing: a key whose index files arrive runs from them at once, not after the pause', async () => {
  // «клиент» needs a shard: the key's prefetch brings it, and the query
  // then runs from the loaded files (local), keeping the key's time so
  // the runner's pause still counts from the key.
  let arrived = false;
  const rig = typingRig((q) => arrived && q === 'клиент', (q) => (q === 'клиент' ? Promise.resolve().then(() => { arrived = true; }) : undefined));
  rig.type('клиент');
  await Promise.resolve();
  await Promise.resolve();
  assert.deepEqual(rig.runs.map((r) => [r.q, r.local, r.key]), [['клиент', true, 300]], 'ran once, from the loaded files, with the time of its key');
  rig.advance(200);
  assert.equal(rig.runs.length, 1, 'the pause does not run it again');

  // Files that arrive after a newer key run nothing: that key is stale.
  let loaded = false, release = null;
  const stale = typingRig((q) => loaded && q === 'кл', (q) => (q === 'кл' ? new Promise((ok) => { release = () => { loaded = true; ok(); }; }) : undefined));
  stale.keys.key('кл');
  stale.keys.key('клю');
  release();
  await Promise.resolve();
  await Promise.resolve();
  assert.equal(stale.runs.length, 0, 'the files of a key typed past run nothing');
});

test('typing: every key makes the work of the keys before it stale, also a key whose query has not run yet', () => {
  // «отчет» is answered at once; «отчет к» needs a shard, so it only waits
  // for the pause. The run of «отчет» must not present its results (and
  // fetch their text) when its own pause ends: the reader typed past it.
  const rig = typingRig((q) => q === 'отчет');
  const text = rig.type('отчет к', 20);
  const first = rig.runs.find((r) => r.q === 'отчет');
  assert.ok(first, 'the loaded index answered «отчет» at once');
  assert.equal(first.live(), false, 'stale as soon as the next key came');
  rig.advance(200);
  const last = rig.runs.at(-1);
  assert.equal(last.q, text);
  assert.equal(last.live(), true, 'the newest query is live until another key');
  rig.keys.key(text + 'л');
  assert.equal(last.live(), false);
});

test('typing: a submit runs at once and cancels the pause of the keys before it', () => {
  const rig = typingRig();
  rig.type('бриф', 10);
  rig.keys.now('бриф');
  assert.deepEqual(rig.runs.map((r) => [r.q, r.local]), [['бриф', false]]);
  rig.advance(1000);
  assert.equal(rig.runs.length, 1, 'the waiting key does not run again');
  assert.equal(rig.runs[0].live(), true);
});

test('prefetch: only the shards a query being typed is sure to need', async () => {
  // Shards by prefix: «кл» has shards under it (a word starting «кл» may
  // be in either), «кли» has none, «от» holds every word starting so.
  const requested = [];
  const data = {
    meta: { entries: 40, pages: 10, sections: 4, shards: ['', 'кл', 'кли', 'клю', 'от'], stop: ['к', 'и'], synonyms: {}, language: 'ru', query: { filler: ['что', 'такое'] }, subject: ['аккаунт'] },
  };
  const engine = new search.Engine((name) => {
    requested.push(name);
    return Promise.resolve(data[name] || {});
  });
  await engine.ready();
  const prefetch = async (q) => {
    requested.length = 0;
    engine.shards = {};
    await engine.prefetch(q);
    return requested.slice().sort();
  };
  assert.deepEqual(await prefetch('кл'), [], '«кл» may end in the shard of «кли» or of «клю»: not sure');
  assert.deepEqual(await prefetch('кли'), ['t/2'], 'every word starting «кли» is in one shard');
  assert.deepEqual(await prefetch('клиент'), ['t/2']);
  assert.deepEqual(await prefetch('к'), [], 'one letter says nothing');
  assert.deepEqual(await prefetch('отчет '), ['t/4'], 'a finished word');
  assert.deepEqual(await prefetch('отчет к'), ['t/4'], 'the finished word, not the one letter after it');
  assert.deepEqual(await prefetch('что'), [], 'a question word is dropped once the question has another word');
  assert.deepEqual(await prefetch('что такое '), []);
  assert.deepEqual(await prefetch('что такое отч'), ['t/4']);
  assert.deepEqual(await prefetch('чт'), [], '«чт» may still become «что»');
  assert.deepEqual(await prefetch('отчет и'), ['t/4'], 'a stop word typed is not looked up');
  assert.deepEqual(await prefetch('акк'), [], 'nor the site\'s subject, which a longer query leaves out');
  assert.deepEqual(await prefetch('аккаунт '), []);
  assert.deepEqual(await prefetch('аккаунт отч'), ['t/4']);
});

test('snippets mark every form of the words, however the text is spaced and spelled', () => {
  const stop = new Set(['и', 'в']);
  const marks = (text, ...words) => {
    const terms = new Set(words.flatMap((w) => search.wordTerms(search.words(w)[0], stop).terms));
    return search.snippet(text, terms, stop, 1000).filter((s) => s.mark).map((s) => s.text);
  };
  assert.deepEqual(marks('Клиенту, клиентам\u00a0и КЛИЕНТОВ.', 'клиент'), ['Клиенту', 'клиентам', 'КЛИЕНТОВ'], 'case, punctuation, a no-break space');
  assert.deepEqual(marks('Отчёт готов; отчет\u202fотправлен', 'отчет'), ['Отчёт', 'отчет'], 'ё and е; a narrow no-break space');
  const compound = search.snippet('Аккаунт-менеджера ждёт аккаунт менеджер', new Set([search.stem('аккаунт') + '-' + search.stem('менеджер')]), stop, 1000);
  assert.deepEqual(compound.filter((s) => s.mark).map((s) => s.text), ['Аккаунт-менеджера'], 'a hyphenated word by its whole, not its parts apart');
  assert.deepEqual(marks('Аккаунт-менеджера ищут', 'менеджер'), ['Аккаунт-менеджера'], 'a hyphenated word by its part');
  assert.deepEqual(marks('клие\u0301нт о\u0301тчет', 'клиент', 'отчет'), ['клие\u0301нт', 'о\u0301тчет'], 'stress marks, also after the first letter');
  assert.deepEqual(marks('Рост +3.1 и -8.3 %', '3.1'), ['3.1'], 'a number with a point is one word');
  assert.deepEqual(marks('She cries; they cry.', 'cry'), ['cries', 'cry'], 'an English stem that changes its last letter');
  assert.deepEqual(marks('KPI, kpi-отчёт и B2B', 'kpi'), ['KPI', 'kpi-отчёт'], 'Latin terms, alone and in a compound');
  assert.deepEqual(marks('без слов', 'клиент'), [], 'no word of the query');
  // The window: the densest run of marked words, cut at spaces.
  const long = 'слово '.repeat(60) + 'клиент и клиенты ' + 'слово '.repeat(60);
  const segs = search.snippet(long, new Set(['клиент']), stop);
  assert.equal(segs[0].text, '…');
  assert.deepEqual(segs.filter((s) => s.mark).map((s) => s.text), ['клиент', 'клиенты']);
  assert.ok(segs.map((s) => s.text).join('').length <= 172, 'about SNIPPET characters and the ellipses');
});

test('offline: a query typed is answered from the loaded files only, or says it needs more', async () => {
  const requested = [];
  const data = {
    meta: { entries: 40, pages: 10, sections: 4, shards: ['', 'от'], stop: [], synonyms: {}, language: 'ru' },
    't/0': { клиент: encode([[0, 0, 9], [1, 1, 5]]) },
    't/1': { отчет: encode([[1, 1, 9]]) },
  };
  const engine = new search.Engine((name) => {
    requested.push(name);
    return Promise.resolve(data[name]);
  });
  await engine.ready();
  await engine.loadShards([0]);
  requested.length = 0;
  assert.equal((await engine.query('клиент', 5, true)).total, 2, 'the loaded shard answers');
  await assert.rejects(engine.query('клиент отчет', 5, true), (err) => err.needsFiles === true);
  assert.deepEqual(requested, [], 'nothing fetched while offline');
  // A word the index does not have: its suggestion is read from the
  // pages' text, so offline says so (before scanning the loaded terms).
  engine.meta.query = JSON.parse(readFileSync(new URL('../search/query-rules.json', import.meta.url), 'utf8')).query;
  await assert.rejects(engine.query('клон', 5, true), (err) => err.needsFiles === true);
  assert.deepEqual(requested, [], 'nothing fetched while offline');
  assert.equal((await engine.query('клон', 5)).total, 0, 'online, the same query runs to its end');
  delete engine.meta.query;
  const online = await engine.query('клиент отчет', 5);
  assert.deepEqual(requested, ['t/1']);
  assert.deepEqual([online.hits[0].page, online.hits[0].section], [1, 1], 'the page with both words first');
});
