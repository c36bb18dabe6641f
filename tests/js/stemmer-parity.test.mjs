// Parity of themes/default/static/stemmer.js with rust-stemmers. Run by
// tests/integration/js_search.rs, which writes what Rust produced to
// KURATOR_PARITY_DIR/{russian,english}.tsv: one line per vocabulary word,
// "word<TAB>rust stem of word<TAB>rust stem of normalise(word)<TAB>Snowball's
// expected output" (the last column empty when the words are the
// repository's own rather than Snowball's vocabularies). normalise = lower
// case, ё → е, as the index does before stemming.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const stemmer = require('../../themes/default/static/stemmer.js');
const dir = process.env.KURATOR_PARITY_DIR;

const normalise = (w) => w.toLowerCase().replaceAll('ё', 'е');

for (const language of ['russian', 'english']) {
  test(`${language} stemmer agrees with rust-stemmers on every word`, { skip: !dir && 'KURATOR_PARITY_DIR not set (run through cargo test)' }, () => {
    const lines = readFileSync(join(dir, `${language}.tsv`), 'utf8').split('\n').filter(Boolean);
    const stem = stemmer[language];
    const mismatches = [];
    let asSnowball = 0;
    const withSnowball = lines.some((line) => line.split('\t')[3]);
    for (const line of lines) {
      const [word, rustRaw, rustNormalised, snowball] = line.split('\t');
      const raw = stem(word);
      const normalised = stem(normalise(word));
      if (raw !== rustRaw) mismatches.push(`${word}: js ${raw}, rust ${rustRaw}`);
      if (normalised !== rustNormalised) mismatches.push(`${normalise(word)}: js ${normalised}, rust ${rustNormalised}`);
      if (normalised === normalise(snowball)) asSnowball++;
    }
    const pct = ((100 * asSnowball) / lines.length).toFixed(2);
    console.log(`${language}: ${lines.length} words; JS = rust-stemmers on all but ${mismatches.length}` +
      (withSnowball ? `; both equal Snowball's output.txt (after ё → е) on ${asSnowball} (${pct}%)` : ''));
    assert.equal(lines.length > 1000, true, 'vocabulary is loaded');
    assert.deepEqual(mismatches.slice(0, 20), [], `${mismatches.length} mismatches`);
  });
}
