/* Kurator search: the query engine, pure (no DOM). Classic script, no
 * framework, no build step; search.js is the UI over it. Under node (tests)
 * it exports its parts; in a page it sets window.KuratorSearchEngine, which
 * search.js (loaded after it, both deferred) picks up.
 *
 * The index (built by src/search in Rust) is a set of classic scripts under
 * <root>search/ that call window.__kuratorSearch.add(name, data): meta, word
 * shards t/<n> and page fragments f/<n> (an array of meta.fragments pages:
 * page p is item p % group of file p / group). The engine reads them
 * through a loader it is given (search.js inserts <script> elements, which
 * works from file:// where fetch fails).
 *
 * Text normalisation repeats src/search/tokenize.rs exactly: UAX #29 words
 * (Intl.Segmenter), lower case, ё → е, hyphenated compounds, stop words from
 * the meta file, Snowball stems from stemmer.js.
 *
 * Near 700 lines in one closure: words, postings decoding, ranking and
 * snippets share the stop list, the stem cache and the decoded-postings
 * cache, and a page loads the engine as one deferred script.
 */
(function (global) {
  'use strict';

  var isNode = typeof module !== 'undefined' && module.exports;
  var Stemmer = isNode ? require('./stemmer.js') : null;

  function stemmer() {
    return Stemmer || global.KuratorStemmer;
  }

  // ---------------------------------------------------------------- words

  var WORDISH = /[\p{L}\p{N}]/u;
  var HYPHENS = { '-': true, '\u2010': true, '\u2011': true };
  var segmenter = typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter('ru', { granularity: 'word' }) : null;
  var FALLBACK = /[\p{L}\p{N}\p{M}_]+(?:['\u2019.:,][\p{L}\p{N}\p{M}_]+)*|[^\p{L}\p{N}\p{M}_]/gu;

  // UAX #29 segments of text: [{s: text, i: index}].
  function segments(text) {
    var out = [];
    // U+202F glues words in UAX #29 (ExtendNumLet); Russian typography uses
    // it as a space. U+2009 keeps every index (src/search/scanner.rs too).
    text = text.replace(/\u202f/g, '\u2009');
    if (segmenter) {
      for (var seg of segmenter.segment(text)) out.push({ s: seg.segment, i: seg.index });
    } else {
      var m;
      FALLBACK.lastIndex = 0;
      while ((m = FALLBACK.exec(text))) out.push({ s: m[0], i: m.index });
    }
    return out;
  }

  function normalize(word) {
    return word.toLowerCase().replace(/[\u0300\u0301]/g, '').replace(/ё/g, 'е').replace(/\u2019/g, "'");
  }

  // Words of the text: {parts: [normalised], start, end} (offsets into text).
  function words(text) {
    var out = [];
    var current = null;
    var pendingHyphen = false;
    var segs = segments(text);
    for (var k = 0; k < segs.length; k++) {
      var seg = segs[k];
      if (WORDISH.test(seg.s)) {
        var part = normalize(seg.s);
        if (current && pendingHyphen) {
          current.parts.push(part);
          current.end = seg.i + seg.s.length;
        } else {
          if (current) out.push(current);
          current = { parts: [part], start: seg.i, end: seg.i + seg.s.length };
        }
        pendingHyphen = false;
      } else if (HYPHENS[seg.s] && current && !pendingHyphen) {
        pendingHyphen = true;
      } else {
        if (current) out.push(current);
        current = null;
        pendingHyphen = false;
      }
    }
    if (current) out.push(current);
    return out;
  }

  var CYRILLIC = /^[\u0400-\u04ff]+$/;
  var LATIN = /^[a-z']*[a-z][a-z']*$/;
  var stemCache = new Map();

  function stem(word) {
    var s = stemCache.get(word);
    if (s === undefined) {
      if (CYRILLIC.test(word)) s = stemmer().russian(word);
      else if (LATIN.test(word)) s = stemmer().english(word);
      else s = word;
      if (stemCache.size > 5000) stemCache.clear();
      stemCache.set(word, s);
    }
    return s;
  }

  // Index terms of a word: stems of the parts that are not stop words, and
  // the compound term (stems joined by "-") for a hyphenated word.
  function wordTerms(word, stop) {
    var terms = [];
    for (var i = 0; i < word.parts.length; i++) {
      if (!stop.has(word.parts[i])) terms.push(stem(word.parts[i]));
    }
    var compound = word.parts.length > 1 ? word.parts.map(stem).join('-') : null;
    return { terms: terms, compound: compound };
  }

  // ------------------------------------------------------------- postings

  var DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_';
  var DIGIT_VALUE = {};
  for (var d = 0; d < DIGITS.length; d++) DIGIT_VALUE[DIGITS[d]] = d;
  var SCORE_MAX = 31;

  // Postings string → flat [page, section, score, page, section, score...]
  // (the postings kept, for a list cut at build time).
  function decodePostings(text) {
    var out = [];
    var value = 0, shift = 0, n = 0, page = 0;
    for (var i = text[0] === '~' ? text.indexOf('.') + 1 : 0; i < text.length; i++) {
      var digit = DIGIT_VALUE[text[i]];
      value += (digit & 31) * Math.pow(2, shift);
      if (digit & 32) {
        shift += 5;
        continue;
      }
      if (n % 3 === 0) {
        page += value;
        out.push(page);
      } else {
        out.push(value);
      }
      n++;
      value = 0;
      shift = 0;
    }
    return out;
  }

  var DIGIT_CODE = new Uint8Array(128);
  for (var c = 0; c < DIGITS.length; c++) DIGIT_CODE[DIGITS.charCodeAt(c)] = c;

  // Postings string → {n, keys, scores} (see Engine.termPostings), with no
  // intermediate array: every posting takes at least three digits.
  // A list cut at build time (src/search/shard.rs, POSTINGS_CAP) starts
  // with "~", its full count and "."; df is that count.
  function decodeEntries(text, stride) {
    var start = 0, df = -1;
    if (text[0] === '~') {
      start = text.indexOf('.') + 1;
      df = 0;
      for (var j = start - 2; j >= 1; j--) df = df * 32 + (DIGIT_CODE[text.charCodeAt(j) & 127] & 31);
    }
    var cap = Math.floor((text.length - start) / 3);
    var keys = new Int32Array(cap), scores = new Uint8Array(cap);
    var value = 0, scale = 1, field = 0, page = 0, n = 0;
    for (var i = start; i < text.length; i++) {
      var digit = DIGIT_CODE[text.charCodeAt(i) & 127];
      value += (digit & 31) * scale;
      if (digit & 32) {
        scale *= 32;
        continue;
      }
      if (field === 0) {
        page += value;
      } else if (field === 1) {
        keys[n] = page * stride + value;
      } else {
        scores[n++] = value;
      }
      field = field === 2 ? 0 : field + 1;
      value = 0;
      scale = 1;
    }
    return { n: n, df: df < 0 ? n : df, keys: keys, scores: scores };
  }

  // Optimal string alignment distance, stopping early above 1.
  function withinOneEdit(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (i === la && i === lb) return true;
    var ra = a.slice(i), rb = b.slice(i);
    if (ra.slice(1) === rb.slice(1)) return true; // substitution
    if (ra.slice(1) === rb) return true; // deletion
    if (ra === rb.slice(1)) return true; // insertion
    return ra.length >= 2 && ra[0] === rb[1] && ra[1] === rb[0] && ra.slice(2) === rb.slice(2); // transposition
  }

  // ---------------------------------------------------------------- engine

  var WEIGHT = { exact: 1, synonym: 0.9, parts: 0.8, prefix: 0.7, typo: 0.5 };
  var PREFIX_LIMIT = 40;
  var PREFIX_SHARDS = 8;
  // Decoded postings kept in memory (5 bytes each).
  var POSTINGS_CACHE = 4000000;
  // Score factor when the words of an AND query fall in different sections.
  var PAGE_AND = 0.6;

  // The engine over a loader: load(name) → Promise of the data a script
  // registered under that name ("meta", "t/3", "f/12").
  function Engine(load) {
    this.load = load;
    this.meta = null;
    this.shards = {};
    this.postings = new Map();
    this.cached = 0;
  }

  Engine.prototype.ready = function () {
    var self = this;
    if (self.meta) return Promise.resolve(self.meta);
    return self.load('meta').then(function (meta) {
      self.meta = meta;
      self.stop = new Set(meta.stop);
      return meta;
    });
  };

  // Index of the shard holding term: the longest key that prefixes it.
  Engine.prototype.shardOf = function (term) {
    var keys = this.meta.shards, best = -1, bestLen = -1;
    for (var i = 0; i < keys.length; i++) {
      if (keys[i].length > bestLen && term.startsWith(keys[i])) {
        best = i;
        bestLen = keys[i].length;
      }
    }
    return best;
  };

  Engine.prototype.loadShards = function (ids) {
    var self = this;
    return Promise.all(ids.filter(function (id) {
      return id >= 0 && !self.shards[id];
    }).map(function (id) {
      return self.load('t/' + id).then(function (data) {
        self.shards[id] = data;
      });
    }));
  };

  // Decoded postings of a term, cached: {n, keys, scores} with entry keys
  // page * sections + section in an Int32Array and scores in a Uint8Array.
  // The cache is emptied when it holds more than POSTINGS_CACHE postings.
  Engine.prototype.termPostings = function (term) {
    var cached = this.postings.get(term);
    if (cached) return cached;
    var shard = this.shards[this.shardOf(term)];
    var text = shard && Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : '';
    var list = decodeEntries(text, this.meta.sections || 256);
    if (this.cached + list.n > POSTINGS_CACHE) {
      this.postings.clear();
      this.cached = 0;
    }
    this.cached += list.n;
    this.postings.set(term, list);
    return list;
  };

  Engine.prototype.idf = function (term) {
    var df = this.termPostings(term).df;
    var n = this.meta.entries;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };

  // Query text → words with their alternatives, before shard lookups.
  Engine.prototype.parse = function (query) {
    var self = this;
    var list = words(query);
    var trailingSpace = /[\s\p{P}]$/u.test(query) && !/-$/.test(query);
    var out = [];
    list.forEach(function (word, index) {
      var isLast = index === list.length - 1 && !trailingSpace;
      var wt = wordTerms(word, self.stop);
      var alts = [];
      if (wt.compound) {
        alts.push({ terms: [wt.compound], w: WEIGHT.exact });
        if (wt.terms.length) alts.push({ terms: wt.terms, w: WEIGHT.parts });
      } else if (wt.terms.length) {
        alts.push({ terms: wt.terms, w: WEIGHT.exact });
      }
      var main = wt.compound || wt.terms[0];
      var syn = main && self.meta.synonyms[main];
      if (syn) syn.forEach(function (terms) { alts.push({ terms: terms, w: WEIGHT.synonym }); });
      var raw = word.parts[word.parts.length - 1];
      var prefix = null;
      if (isLast && raw.length >= 2) {
        prefix = word.parts.length > 1 ? word.parts.slice(0, -1).map(stem).join('-') + '-' + raw : raw;
      }
      if (!alts.length && !prefix) return; // a stop word
      out.push({
        text: query.slice(word.start, word.end),
        main: main,
        raw: word.parts.join('-'),
        typo: word.parts.length === 1 && main && Array.from(raw).length >= 5,
        prefix: prefix,
        alts: alts,
      });
    });
    // A whole-query synonym ("ключевые показатели" → KPI).
    var whole = out.map(function (w) { return w.main; }).join(' ');
    if (out.length > 1 && self.meta.synonyms[whole]) {
      var merged = { text: query, main: whole, raw: whole, typo: false, prefix: null, alts: [] };
      self.meta.synonyms[whole].forEach(function (terms) { merged.alts.push({ terms: terms, w: WEIGHT.synonym }); });
      merged.alts.push({ terms: out.map(function (w) { return w.main; }).filter(Boolean), w: WEIGHT.exact });
      out = [merged];
    }
    return out;
  };

  // Shards a parsed query needs: every term's, and for the prefix word the
  // shards under its prefix (a few).
  Engine.prototype.neededShards = function (parsed) {
    var self = this, ids = [];
    parsed.forEach(function (w) {
      w.alts.forEach(function (a) { a.terms.forEach(function (t) { ids.push(self.shardOf(t)); }); });
      if (w.prefix) {
        ids.push(self.shardOf(w.prefix));
        var under = [];
        self.meta.shards.forEach(function (key, i) {
          if (key.length > w.prefix.length && key.startsWith(w.prefix)) under.push(i);
        });
        if (under.length <= PREFIX_SHARDS) ids = ids.concat(under);
      }
    });
    return Array.from(new Set(ids)).filter(function (id) { return id >= 0; });
  };

  // Adds prefix and typo alternatives from the terms of loaded shards.
  Engine.prototype.expand = function (parsed) {
    var self = this;
    parsed.forEach(function (w) {
      var have = new Set();
      w.alts.forEach(function (a) { if (a.terms.length === 1) have.add(a.terms[0]); });
      var ids = Object.keys(self.shards);
      if (w.prefix) {
        var found = [];
        ids.forEach(function (id) {
          for (var term in self.shards[id]) {
            if (term.startsWith(w.prefix) && !have.has(term)) found.push(term);
          }
        });
        found.sort(function (a, b) { return a.length - b.length || (a < b ? -1 : 1); });
        found.slice(0, PREFIX_LIMIT).forEach(function (t) {
          have.add(t);
          w.alts.push({ terms: [t], w: WEIGHT.prefix, prefix: true });
        });
      }
      if (w.typo) {
        var shard = self.shards[self.shardOf(w.main)] || {};
        var raw = w.raw;
        for (var term in shard) {
          if (have.has(term) || term.length < 4) continue;
          var near = w.main.length >= 4 && withinOneEdit(w.main, term);
          if (!near && term.length >= 5 && raw.length >= term.length + 1 && raw.length - term.length <= 4) {
            // The typo may sit where the stemmer cut the word differently:
            // compare the stem with the start of the typed word.
            near = withinOneEdit(raw.slice(0, term.length), term) || withinOneEdit(raw.slice(0, term.length + 1), term);
          }
          if (near) {
            have.add(term);
            w.alts.push({ terms: [term], w: WEIGHT.typo, typo: true });
          }
        }
      }
    });
  };

  // Scores of one word over entries numbered page * sections + section, in
  // the reusable buffers `hits` (a common word of a large site has tens of
  // thousands of postings): score, flag (1 exact, 2 typo only) and the n
  // keys touched. An entry matched exactly keeps its best exact score; typo
  // matches count only where nothing matched exactly.
  Engine.prototype.wordHits = function (w, hits) {
    var self = this, score = hits.score, flag = hits.flag, keys = hits.keys;
    clearEntries(hits);
    function add(key, s, typo) {
      var f = flag[key];
      if (f === 0) {
        flag[key] = typo ? 2 : 1;
        score[key] = s;
        keys[hits.n++] = key;
      } else if (f === 2 && !typo) {
        flag[key] = 1;
        score[key] = s;
      } else if ((f === 1) === !typo && s > score[key]) {
        score[key] = s;
      }
    }
    for (var a = 0; a < w.alts.length; a++) {
      var alt = w.alts[a], weight = alt.w / SCORE_MAX, typo = !!alt.typo, list, i;
      if (alt.terms.length > 1) {
        // Every term must match: intersect, summing scores; flag counts
        // the terms an entry has so far.
        var and = self.entryBuffers('and');
        clearEntries(and);
        for (var t = 0; t < alt.terms.length; t++) {
          var idfT = self.idf(alt.terms[t]);
          list = self.termPostings(alt.terms[t]);
          for (i = 0; i < list.n; i++) {
            var key = list.keys[i];
            if (t === 0) {
              and.flag[key] = 1;
              and.score[key] = idfT * list.scores[i];
              and.keys[and.n++] = key;
            } else if (and.flag[key] === t) {
              and.flag[key] = t + 1;
              and.score[key] += idfT * list.scores[i];
            }
          }
        }
        for (i = 0; i < and.n; i++) {
          if (and.flag[and.keys[i]] === alt.terms.length) add(and.keys[i], and.score[and.keys[i]] * weight, typo);
        }
      } else {
        var idf = self.idf(alt.terms[0]) * weight;
        list = self.termPostings(alt.terms[0]);
        for (i = 0; i < list.n; i++) add(list.keys[i], idf * list.scores[i], typo);
      }
    }
    return hits;
  };

  // Buffers over every entry, made once per engine and reused by every
  // query, so a query allocates nothing the size of the site: score, flag
  // (and extra) per entry, and the n entry keys whose flag is set.
  Engine.prototype.entryBuffers = function (name) {
    var pool = this.pool || (this.pool = {});
    if (!pool[name]) {
      var size = this.meta.pages * (this.meta.sections || 256);
      pool[name] = { score: new Float64Array(size), flag: new Uint8Array(size), extra: new Uint8Array(size), keys: new Int32Array(size), n: 0 };
    }
    return pool[name];
  };

  function clearEntries(b) {
    for (var i = 0; i < b.n; i++) {
      b.flag[b.keys[i]] = 0;
      b.extra[b.keys[i]] = 0;
    }
    b.n = 0;
  }

  // The same per page: score, key (-1: none), matched, typos, and the n
  // pages touched.
  Engine.prototype.pageBuffers = function (name) {
    var pool = this.pool || (this.pool = {});
    if (!pool[name]) {
      var size = this.meta.pages;
      pool[name] = { score: new Float64Array(size), key: new Int32Array(size).fill(-1), matched: new Uint8Array(size), typos: new Uint8Array(size), pages: new Int32Array(size), n: 0 };
    }
    var b = pool[name];
    for (var i = 0; i < b.n; i++) b.key[b.pages[i]] = -1;
    b.n = 0;
    return b;
  };

  // Ranked page hits of a parsed query (best section per page): AND over
  // the words in one section, then AND over a page's sections, then OR.
  // Returns the first `limit` hits in order and the total.
  Engine.prototype.rank = function (parsed, limit) {
    var stride = this.meta.sections || 256, n = parsed.length, i, j, k, key, page;
    var perWord = [], terms = [], cut = false;
    for (i = 0; i < n; i++) {
      perWord.push(this.wordHits(parsed[i], this.entryBuffers('w' + i)));
      for (j = 0; j < parsed[i].alts.length; j++) terms.push.apply(terms, parsed[i].alts[j].terms);
    }
    for (j = 0; j < terms.length; j++) {
      var list = this.termPostings(terms[j]);
      if (list.df > list.n) cut = true;
    }
    var best = this.pageBuffers('best');
    var consider = function (key, score, matched, typos) {
      var page = Math.floor(key / stride);
      if (best.key[page] < 0) best.pages[best.n++] = page;
      else if (!(matched > best.matched[page] || (matched === best.matched[page] && (typos < best.typos[page] || (typos === best.typos[page] && score > best.score[page]))))) return;
      best.key[page] = key;
      best.score[page] = score;
      best.matched[page] = matched;
      best.typos[page] = typos;
    };
    var mode = 'and';
    var order = perWord.slice().sort(function (a, b) { return a.n - b.n; });
    if (n) {
      // Every word in one section: the best place to send the reader.
      var first = order[0];
      outer: for (j = 0; j < first.n; j++) {
        key = first.keys[j];
        var score = 0, typos = 0;
        for (i = 0; i < n; i++) {
          var f = order[i].flag[key];
          if (!f) continue outer;
          score += order[i].score[key];
          if (f === 2) typos++;
        }
        consider(key, score, n, typos);
      }
    }
    if (n > 1) {
      // Every word on one page, in different sections: still AND, scored
      // lower, linked to the section of the strongest word.
      var perPage = [];
      for (k = 0; k < n; k++) {
        var hits = order[k], p = this.pageBuffers('p' + k);
        for (j = 0; j < hits.n; j++) {
          key = hits.keys[j];
          page = Math.floor(key / stride);
          var s = hits.score[key], typo = hits.flag[key] === 2 ? 1 : 0;
          if (p.key[page] < 0) p.pages[p.n++] = page;
          else if (!((p.typos[page] && !typo) || (p.typos[page] === typo && s > p.score[page]))) continue;
          p.key[page] = key;
          p.score[page] = s;
          p.typos[page] = typo;
        }
        perPage.push(p);
      }
      pages: for (j = 0; j < perPage[0].n; j++) {
        page = perPage[0].pages[j];
        var sum = 0, typoCount = 0, top = -1, topScore = -1;
        for (k = 0; k < n; k++) {
          var pk = perPage[k];
          if (pk.key[page] < 0) continue pages;
          sum += pk.score[page];
          typoCount += pk.typos[page];
          if (pk.score[page] > topScore) {
            topScore = pk.score[page];
            top = pk.key[page];
          }
        }
        consider(top, sum * PAGE_AND, n, typoCount);
      }
    }
    if (!best.n && n > 1) {
      mode = 'or';
      var or = this.entryBuffers('or');
      clearEntries(or);
      for (k = 0; k < n; k++) {
        var h = perWord[k];
        for (j = 0; j < h.n; j++) {
          key = h.keys[j];
          if (!or.flag[key]) {
            or.keys[or.n++] = key;
            or.score[key] = 0;
          }
          or.flag[key]++;
          or.score[key] += h.score[key];
          if (h.flag[key] === 2) or.extra[key]++;
        }
      }
      for (j = 0; j < or.n; j++) {
        key = or.keys[j];
        consider(key, or.score[key], or.flag[key], or.extra[key]);
      }
    }
    // Order: more words matched, fewer typos, higher score, lower page.
    var before = function (a, b) {
      return best.matched[a] !== best.matched[b] ? best.matched[a] > best.matched[b]
        : best.typos[a] !== best.typos[b] ? best.typos[a] < best.typos[b]
          : best.score[a] !== best.score[b] ? best.score[a] > best.score[b] : a < b;
    };
    var top = [];
    if (!(limit < best.n)) {
      top = Array.from(best.pages.subarray(0, best.n)).sort(function (a, b) { return before(a, b) ? -1 : 1; });
    } else {
      // Keep only the first `limit` pages, sorted: most pages fail against
      // the last kept one at once.
      for (j = 0; j < best.n; j++) {
        page = best.pages[j];
        if (top.length === limit) {
          if (!before(page, top[limit - 1])) continue;
          top.pop();
        }
        var lo = 0, hi = top.length;
        while (lo < hi) {
          var mid = (lo + hi) >> 1;
          if (before(page, top[mid])) hi = mid;
          else lo = mid + 1;
        }
        top.splice(lo, 0, page);
      }
    }
    var out = top.map(function (page) {
      return { page: page, section: best.key[page] % stride, score: best.score[page], matched: best.matched[page], typos: best.typos[page], terms: terms };
    });
    return { mode: best.n ? mode : 'none', hits: out, total: best.n, cut: cut };
  };

  // Runs a query: {total, cut, mode, words, hits: [{page, section, score,
  // terms}]} with the first `limit` hits (all when not given). `cut`: a
  // word is so common that the index keeps only its best postings, so
  // total counts the pages among those.
  Engine.prototype.query = function (text, limit) {
    var self = this;
    return self.ready().then(function () {
      var parsed = self.parse(text);
      return self.loadShards(self.neededShards(parsed)).then(function () {
        self.expand(parsed);
        var ranked = self.rank(parsed, limit);
        return { total: ranked.total, cut: ranked.cut, mode: ranked.mode, words: parsed, hits: ranked.hits };
      });
    });
  };

  // What to show for a hit: URL (root-relative), title, breadcrumb, heading
  // and snippet segments. Loads the fragment file holding the page.
  Engine.prototype.present = function (hit) {
    var self = this;
    var group = self.meta.fragments;
    return self.load('f/' + Math.floor(hit.page / group)).then(function (pages) {
      var f = pages[hit.page % group];
      var section = f.sections[hit.section] || f.sections[0];
      var anchor = section[0], heading = section[1], text = section[2];
      var terms = new Set(hit.terms);
      var segs = snippet(text, terms, self.stop);
      if (!segs.some(function (s) { return s.mark; }) && f.description) segs = snippet(f.description, terms, self.stop);
      return {
        url: f.url + (anchor ? '#' + anchor : ''),
        title: f.title,
        breadcrumb: f.breadcrumb,
        heading: anchor ? heading : '',
        titleSegments: snippet(f.title, terms, self.stop, 1000),
        segments: segs,
      };
    });
  };

  // -------------------------------------------------------------- snippets

  var SNIPPET = 170;

  // Text → [{text, mark}] around the densest run of words whose terms are
  // in `terms`. Plain strings only: the caller renders them as text nodes.
  function snippet(text, terms, stop, max) {
    max = max || SNIPPET;
    var ranges = [];
    words(text).forEach(function (w) {
      var wt = wordTerms(w, stop || new Set());
      var hit = (wt.compound && terms.has(wt.compound)) || wt.terms.some(function (t) { return terms.has(t); });
      if (hit) ranges.push([w.start, w.end]);
    });
    var start = 0, end = Math.min(text.length, max);
    if (ranges.length && text.length > max) {
      var best = 0, bestCount = 0;
      for (var i = 0; i < ranges.length; i++) {
        var count = 0;
        for (var j = i; j < ranges.length && ranges[j][1] - ranges[i][0] <= max - 20; j++) count++;
        if (count > bestCount) {
          best = i;
          bestCount = count;
        }
      }
      start = Math.max(0, ranges[best][0] - 30);
      var space = text.lastIndexOf(' ', ranges[best][0]);
      if (space >= start - 15 && space < ranges[best][0]) start = space + 1;
      else if (start > 0) start = ranges[best][0];
      end = Math.min(text.length, start + max);
      if (end < text.length) {
        var cut = text.lastIndexOf(' ', end);
        if (cut > start + max / 2) end = cut;
      }
    } else if (end < text.length) {
      var cut2 = text.lastIndexOf(' ', end);
      if (cut2 > max / 2) end = cut2;
    }
    var out = [];
    if (start > 0) out.push({ text: '…', mark: false });
    var pos = start;
    ranges.forEach(function (r) {
      if (r[1] <= start || r[0] >= end) return;
      var a = Math.max(r[0], start), b = Math.min(r[1], end);
      if (a > pos) out.push({ text: text.slice(pos, a), mark: false });
      out.push({ text: text.slice(a, b), mark: true });
      pos = b;
    });
    if (pos < end) out.push({ text: text.slice(pos, end), mark: false });
    if (end < text.length) out.push({ text: '…', mark: false });
    return out;
  }

  var api = {
    normalize: normalize,
    words: words,
    stem: stem,
    wordTerms: wordTerms,
    decodePostings: decodePostings,
    withinOneEdit: withinOneEdit,
    snippet: snippet,
    Engine: Engine,
  };

  if (isNode) module.exports = api;
  else global.KuratorSearchEngine = api;
})(typeof window !== 'undefined' ? window : this);
