// The pure part of themes/default/static/preview.js: which page a link is
// (and which section), and what of the page's preview to show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const { previewTarget, pick } = createRequire(import.meta.url)('../../themes/default/static/preview.js');

test('links to pages of the site, from a server and from disk', () => {
  const page = 'https://kb.example/kb/duties/reporting/';
  assert.deepEqual(previewTarget('../../kpi/ltv/#churn', page, '/kb/'), { page: 'kpi/ltv/', anchor: 'churn' });
  assert.deepEqual(previewTarget('/kb/', page, '/kb/'), { page: '', anchor: '' });
  assert.deepEqual(previewTarget('https://kb.example/kb/faq/', page, '/kb/'), { page: 'faq/', anchor: '' });
  const disk = 'file:///home/me/site/duties/index.html';
  assert.deepEqual(previewTarget('../kpi/index.html#ltv', disk, '../'), { page: 'kpi/', anchor: 'ltv' });
  assert.deepEqual(previewTarget('../index.html', disk, '../'), { page: '', anchor: '' });
  assert.deepEqual(previewTarget('/kb/%D0%BE%D0%B1/', page, '/kb/'), { page: 'об/', anchor: '' });
});

test('nothing for other sites, files, this page and paths outside the site', () => {
  const page = 'https://kb.example/kb/duties/';
  assert.equal(previewTarget('https://other.example/kb/faq/', page, '/kb/'), null);
  assert.equal(previewTarget('/elsewhere/', page, '/kb/'), null);
  assert.equal(previewTarget('../static/guide.pdf', page, '/kb/'), null);
  assert.equal(previewTarget('#section', page, '/kb/'), null);
  assert.equal(previewTarget('./#section', page, '/kb/'), null);
  assert.equal(previewTarget('mailto:a@b.c', page, '/kb/'), null);
  assert.equal(previewTarget('javascript:alert(1)', page, '/kb/'), null);
  assert.equal(previewTarget('http://[bad', page, '/kb/'), null);
});

test('the section a link points at, else the page start', () => {
  const data = { title: 'KPI', sections: [['', '', 'Вступление'], ['ltv', 'LTV', 'Пожизненная ценность']] };
  assert.deepEqual(pick(data, 'ltv'), { title: 'KPI', heading: 'LTV', text: 'Пожизненная ценность' });
  assert.deepEqual(pick(data, ''), { title: 'KPI', heading: '', text: 'Вступление' });
  assert.deepEqual(pick(data, 'missing'), { title: 'KPI', heading: '', text: 'Вступление' });
  assert.deepEqual(pick({ title: 'T', sections: [] }, 'x'), { title: 'T', heading: '', text: '' });
});
