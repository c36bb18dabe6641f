/* Kurator search: the query engine, pure (no DOM). Classic script, no
 * framework, no build step; search.js is the UI over it. Under node (tests)
 * it exports its parts; in a page it sets window.KuratorSearchEngine, which
 * search.js (loaded after it, both deferred) picks up.
 *
 * The index (built by src/search in Rust) is a set of classic scripts under
 * <root>search/ that call window.__kuratorSearch.add(name, data): meta, word
 * shards t/<n> and page fragments f/<n> (an array of meta.fragments pages:
 * page p is item p % group of file p / group; of a long page, listed in
 * meta.long, only the first meta.chunk sections are there, section s is in
 * f/<p>-<s / chunk>). The engine reads them
 * through a loader it is given (search.js inserts <script> elements, which
 * works from file:// where fetch fails).
 *
 * Text normalisation repeats src/search/tokenize.rs exactly: UAX #29 words
 * (Intl.Segmenter), lower case, ё → е, hyphenated compounds, stop words from
 * the meta file, Snowball stems from stemmer.js.
 *
 * About 1,100 lines in one closure: words, how people type (the rules of
 * src/search/query.rs), postings decoding, ranking, suggestions and
 * snippets share the stop list, the stem cache and the decoded-postings
 * cache, and search.js loads the engine as one script on first use.
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

  // Whether the text's last word is finished: a space or a mark follows
  // it (a hyphen does not: «онлайн-» goes on).
  function endsWord(text) {
    return /[\s\p{P}]$/u.test(text) && !/-$/.test(text);
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


  // ------------------------------------------------------- how people type
  // The rules of src/search/query.rs, over the tables it writes into
  // meta.query; tests/search/query-vectors.json holds both to the same
  // answers.

  // The words of a query that say what it is about: filler dropped unless
  // only filler and stop words (a Set) are left. Words normalised.
  function contentWords(list, rules, stop) {
    var filler = new Set(rules.filler);
    if (list.every(function (w) { return filler.has(w) || stop.has(w); })) return list.slice();
    return list.filter(function (w) { return !filler.has(w); });
  }

  // Whether normalised words ask what a term means.
  function asksDefinition(list) {
    var a = list[0], b = list[1];
    if (list.length >= 3 && ((a === 'что' && (b === 'такое' || b === 'значит' || b === 'означает'))
      || (a === 'кто' && (b === 'такой' || b === 'такая' || b === 'такие'))
      || (a === 'what' && (b === 'is' || b === 'are')))) return true;
    return list.length >= 2 && list[list.length - 1] === 'это';
  }

  var CYRILLIC_LETTER = /[\u0400-\u04ff]/;

  // The text as typed with the other keyboard layout; null when it mixes
  // scripts, nothing changes or a letter would become punctuation. Case
  // kept.
  function switchLayout(text, rules) {
    var latin = /[a-zA-Z]/.test(text), cyrillic = CYRILLIC_LETTER.test(text);
    if (latin === cyrillic) return null;
    var from = Array.from(rules.layout[latin ? 0 : 1]), to = Array.from(rules.layout[latin ? 1 : 0]);
    var out = Array.from(text).map(function (c) {
      var lower = c.toLowerCase(), i = from.indexOf(lower);
      if (i < 0) return c;
      return lower === c ? to[i] : to[i].toUpperCase();
    }).join('');
    var letters = function (t) { return (t.match(/\p{L}/gu) || []).length; };
    return out === text || letters(out) < letters(text) ? null : out;
  }

  // A normalised word in the other script; null for neither or both.
  function transliterate(word, rules) {
    var latin = /[a-z]/.test(word), cyrillic = CYRILLIC_LETTER.test(word);
    var out = '', i, k;
    if (cyrillic && !latin) {
      var map = {};
      rules.to_latin.forEach(function (p) { map[p[0]] = p[1]; });
      var chars = Array.from(word);
      for (i = 0; i < chars.length; i++) {
        if (Object.prototype.hasOwnProperty.call(map, chars[i])) out += map[chars[i]];
        else if (/[0-9]/.test(chars[i])) out += chars[i];
        else return null;
      }
      return out;
    }
    if (latin && !cyrillic) {
      var rest = word;
      outer: while (rest) {
        for (k = 0; k < rules.to_cyrillic.length; k++) {
          var pair = rules.to_cyrillic[k];
          if (rest.startsWith(pair[0])) {
            out += pair[1];
            rest = rest.slice(pair[0].length);
            continue outer;
          }
        }
        if (!/[0-9]/.test(rest[0])) return null;
        out += rest[0];
        rest = rest.slice(1);
      }
      return out;
    }
    return null;
  }

  // Ways one word may be two (онлайнкурс → онлайн + курс), longest first
  // part first, each part at least rules.min_split letters.
  function splits(word, rules) {
    var chars = Array.from(word), out = [], min = rules.min_split;
    if (chars.some(function (c) { return !/\p{L}/u.test(c); })) return out;
    for (var i = chars.length - min; i >= min; i--) out.push([chars.slice(0, i).join(''), chars.slice(i).join('')]);
    return out;
  }

  // Levenshtein distance, giving up (returning max + 1) past max.
  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev = [], cur = [], i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var low = i;
      for (j = 1; j <= b.length; j++) {
        cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
        if (cur[j] < low) low = cur[j];
      }
      if (low > max) return max + 1;
      prev = cur;
    }
    return prev[b.length];
  }

  // ---------------------------------------------------------------- engine

  var WEIGHT = { exact: 1, synonym: 0.9, parts: 0.8, prefix: 0.7, kin: 0.6, typo: 0.5 };
  // A stem shares this much of its start with a word of the same root in
  // another form (выставлять / выставить, эскалировать / эскалация): at
  // least KIN_MIN letters, all but KIN_SLACK of the other word's stem and
  // all but KIN_SUFFIX of the typed one's (verb suffixes are long).
  var KIN_MIN = 5;
  var KIN_SLACK = 2;
  var KIN_SUFFIX = 5;
  var PREFIX_LIMIT = 40;
  var PREFIX_SHARDS = 8;
  // Decoded postings kept in memory (5 bytes each).
  var POSTINGS_CACHE = 4000000;
  // Score factor when the words of an AND query fall in different sections.
  var PAGE_AND = 0.6;
  // Score factor of a glossary's hit for «что такое …».
  var DEFINITION_BOOST = 4;
  // … and for any other query.
  var GLOSSARY_PLAIN = 0.7;
  // Below this many pages with every word, pages with most words follow.
  var OR_FILL = 5;
  // Joined-word splits tried for a word the index does not have.
  var SPLITS_TRIED = 3;

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
      // Word lists a query is read with, built once, not on every key.
      self.stop = new Set(meta.stop);
      self.filler = new Set((meta.query || { filler: [] }).filler);
      self.subject = new Set(meta.subject || []);
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

  // `offline`: nothing may be fetched; a query that needs a file fails
  // with NEEDS_FILES (search.js then runs it again after the pause).
  var NEEDS_FILES = 'needs files';
  function needsFiles() {
    var err = new Error(NEEDS_FILES);
    err.needsFiles = true;
    return Promise.reject(err);
  }

  Engine.prototype.loadShards = function (ids, offline) {
    var self = this;
    var missing = ids.filter(function (id) { return id >= 0 && !self.shards[id]; });
    if (offline && missing.length) return needsFiles();
    return Promise.all(missing.map(function (id) {
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
  // Filler words (meta.query.filler: «почему», «можно», «такое») are left
  // out unless the query has nothing else; a run of words that is a
  // synonym key («ключевые показатели» → KPI) becomes one word.
  Engine.prototype.parse = function (query) {
    var self = this;
    var rules = self.meta.query || { filler: [] };
    var filler = self.filler;
    var list = words(query);
    var single = function (w) { return w.parts.length === 1 ? w.parts[0] : null; };
    var kept = contentWords(list.map(function (w) { return w.parts.join('-'); }), rules, self.stop);
    var keepAll = kept.length === list.length;
    // Words of the site's subject (its title: every page is about it) are
    // not required when the query says something else too.
    var subject = self.subject;
    var aboutSubject = function (w) {
      return w.parts.every(function (p) { return self.stop.has(p) || subject.has(stem(p)); });
    };
    var other = list.filter(function (w) { return !aboutSubject(w) && !filler.has(single(w)) && !(single(w) !== null && self.stop.has(single(w))); });
    var trailingSpace = endsWord(query);
    var out = [];
    list.forEach(function (word, index) {
      if (!keepAll && filler.has(single(word))) return;
      if (other.length && aboutSubject(word)) return;
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
        single: word.parts.length === 1,
        typo: word.parts.length === 1 && main && Array.from(raw).length >= 5,
        prefixes: prefix ? [prefix] : [],
        alts: alts,
      });
    });
    return self.phrases(out, query);
  };

  // Runs of words that are a synonym key, longest first, become one word
  // with the synonyms and the run itself (all its words in one section).
  Engine.prototype.phrases = function (list, query) {
    var self = this, out = [], i = 0;
    while (i < list.length) {
      var len = list.length - i, found = null;
      for (; len >= 2 && !found; len--) {
        var run = list.slice(i, i + len);
        if (run.some(function (w) { return !w.main; })) continue;
        var key = run.map(function (w) { return w.main; }).join(' ');
        if (self.meta.synonyms[key]) found = { run: run, key: key };
      }
      if (!found) {
        out.push(list[i++]);
        continue;
      }
      var merged = { text: found.run.length === list.length ? query : found.run.map(function (w) { return w.text; }).join(' '), main: found.key, raw: found.key, single: false, typo: false, prefixes: [], alts: [] };
      self.meta.synonyms[found.key].forEach(function (terms) { merged.alts.push({ terms: terms, w: WEIGHT.synonym }); });
      merged.alts.push({ terms: found.run.map(function (w) { return w.main; }), w: WEIGHT.exact });
      out.push(merged);
      i += found.run.length;
    }
    return out;
  };

  // Two neighbouring words the pages may write as one (ProductStar) or
  // hyphenated (онлайн-курс): the terms that would be, [compound, joined].
  function pairTerms(a, b) {
    if (!a.single || !b.single || !a.main || !b.main) return [];
    return [a.main + '-' + b.main, stem(a.raw + b.raw)];
  }

  // Whether a query can be ranked from what is loaded, with no request
  // for the index (a result's text may still have to be fetched).
  // A word the loaded index does not have means more loading (the other
  // script, the other layout), so it does not count as ready.
  Engine.prototype.localReady = function (text) {
    var self = this;
    if (!self.meta || !stemmer()) return false;
    var parsed = self.parse(text);
    if (!self.neededShards(parsed).every(function (id) { return !!self.shards[id]; })) return false;
    self.expand(parsed);
    return !parsed.some(function (w) { return self.isDead(w); });
  };

  // Whether an expanded query is made of whole words, so its results are
  // worth their text at once on an instant site (meta.instant): every word
  // is in the index as typed (or by a synonym), and the word being typed,
  // unless a space or a mark ends it, is its own most frequent completion:
  // «клиент» is whole, «мен» on the way to «менеджер» is not.
  Engine.prototype.whole = function (text, parsed) {
    var self = this;
    var finished = endsWord(text);
    return parsed.length > 0 && parsed.every(function (w, i) {
      var known = w.alts.some(function (a) {
        return !a.prefix && !a.typo && (a.w === WEIGHT.exact || a.w === WEIGHT.synonym) && a.terms.every(function (t) { return self.hasTerm(t); });
      });
      if (!known || finished || i < parsed.length - 1 || !w.prefixes.length || !w.main) return known;
      var df = self.termPostings(w.main).df;
      return !w.alts.some(function (a) { return a.prefix && self.termPostings(a.terms[0]).df > df; });
    });
  };

  // Whether a term is in the index (its shard loaded).
  Engine.prototype.hasTerm = function (term) {
    var shard = this.shards[this.shardOf(term)];
    return !!shard && Object.prototype.hasOwnProperty.call(shard, term);
  };

  // Shards a parsed query needs: every term's, and for the prefix word the
  // shards under its prefix (a few).
  Engine.prototype.neededShards = function (parsed) {
    var self = this, ids = [];
    parsed.forEach(function (w, i) {
      w.alts.forEach(function (a) { a.terms.forEach(function (t) { ids.push(self.shardOf(t)); }); });
      w.prefixes.forEach(function (prefix) {
        ids.push(self.shardOf(prefix));
        var under = self.shardsUnder(prefix);
        if (under.length <= PREFIX_SHARDS) ids = ids.concat(under);
      });
      if (i > 0) pairTerms(parsed[i - 1], w).forEach(function (t) { ids.push(self.shardOf(t)); });
      if (w.single && w.main && w.main.length >= KIN_MIN) ids.push(self.shardOf(w.main.slice(0, KIN_MIN)));
    });
    return Array.from(new Set(ids)).filter(function (id) { return id >= 0; });
  };

  // Index files a query being typed is sure to need, loaded at once so the
  // reader's pause waits only for the results' text: the shards of its
  // finished words, and of the word being typed when every word it can
  // grow into is in one shard (a prefix whose words are spread over
  // several shards may end in any of them). Returns the loading (errors
  // are left to the query that needs the file).
  Engine.prototype.prefetch = function (text) {
    var self = this;
    if (!self.meta || !stemmer()) return Promise.resolve();
    // Words a longer query leaves out (question words, stop words, the
    // site's subject) are not sure to be needed, nor is a word being typed
    // that may still become one («чт» of «что»).
    var starts = function (set, prefix) {
      for (var x of set) if (x.startsWith(prefix)) return true;
      return false;
    };
    var mayDrop = function (w, typed) {
      if (self.filler.has(w.raw) || self.stop.has(w.raw)) return true;
      if (w.raw.split('-').every(function (p) { return self.subject.has(stem(p)); })) return true;
      return typed && (starts(self.filler, w.raw) || starts(self.stop, w.raw) || starts(self.subject, w.raw));
    };
    var finished = endsWord(text);
    var parsed = self.parse(text);
    var last = parsed[parsed.length - 1];
    // The word being typed, unless the query dropped it (a stop word).
    var typing = !finished && last && text.endsWith(last.text) ? parsed.pop() : null;
    parsed = parsed.filter(function (w) { return !mayDrop(w, false); });
    var ids = self.neededShards(parsed);
    if (typing && typing.prefixes.length && !mayDrop(typing, true)) {
      // Every shard a word starting so can be in (neededShards lists them
      // all unless there are more than PREFIX_SHARDS).
      var own = self.neededShards([typing]);
      var open = typing.prefixes.some(function (prefix) { return self.shardsUnder(prefix).length > PREFIX_SHARDS; });
      if (own.length === 1 && !open) {
        ids = ids.concat(own);
      } else if (self.meta.instant && !open && typing.main && self.shards[self.shardOf(typing.main)]) {
        // On an instant site a whole word is worth its other files too
        // (its synonyms' shards): its results are shown at once.
        var word = [typing];
        self.expand(word);
        if (self.whole(text, word)) ids = ids.concat(own);
      }
    }
    return self.loadShards(ids).catch(function () {});
  };

  // Shards whose keys are longer than `prefix` and start with it: words
  // starting with the prefix may be in any of them.
  Engine.prototype.shardsUnder = function (prefix) {
    var under = [];
    this.meta.shards.forEach(function (key, k) {
      if (key.length > prefix.length && key.startsWith(prefix)) under.push(k);
    });
    return under;
  };

  // Adds prefix and typo alternatives from the terms of loaded shards.
  Engine.prototype.expand = function (parsed) {
    var self = this;
    // Words the pages join or hyphenate: the joined term counts for both.
    parsed.forEach(function (w, i) {
      if (i === 0) return;
      var a = parsed[i - 1];
      pairTerms(a, w).forEach(function (t) {
        if (!self.hasTerm(t)) return;
        a.alts.push({ terms: [t], w: WEIGHT.exact });
        w.alts.push({ terms: [t], w: WEIGHT.exact });
      });
    });
    parsed.forEach(function (w) {
      var have = new Set();
      w.alts.forEach(function (a) { if (a.terms.length === 1) have.add(a.terms[0]); });
      var ids = Object.keys(self.shards);
      w.prefixes.forEach(function (prefix) {
        var found = [];
        ids.forEach(function (id) {
          for (var term in self.shards[id]) {
            if (term.startsWith(prefix) && !have.has(term)) found.push(term);
          }
        });
        found.sort(function (a, b) { return a.length - b.length || (a < b ? -1 : 1); });
        found.slice(0, PREFIX_LIMIT).forEach(function (t) {
          have.add(t);
          w.alts.push({ terms: [t], w: WEIGHT.prefix, prefix: true });
        });
      });
      if (w.single && w.main && w.main.length >= KIN_MIN) {
        // The same root in another form: verbs and nouns the stemmer
        // leaves apart (допродавать / допродажа).
        [self.shardOf(w.main), self.shardOf(w.main.slice(0, KIN_MIN))].forEach(function (id) {
          var kinShard = self.shards[id] || {};
          for (var t in kinShard) {
            if (have.has(t) || t.indexOf('-') >= 0) continue;
            var lcp = 0;
            while (lcp < t.length && lcp < w.main.length && t[lcp] === w.main[lcp]) lcp++;
            if (lcp >= KIN_MIN && lcp >= t.length - KIN_SLACK && lcp >= w.main.length - KIN_SUFFIX) {
              have.add(t);
              w.alts.push({ terms: [t], w: WEIGHT.kin });
            }
          }
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
      // A form found another way (kin, typo) has the synonyms the word
      // itself would have: «допродавать» and «допрадажа» find «upsell».
      w.alts.slice().forEach(function (a) {
        var syn = (a.typo || a.w === WEIGHT.kin) && a.terms.length === 1 && self.meta.synonyms[a.terms[0]];
        if (syn) syn.forEach(function (terms) { w.alts.push({ terms: terms, w: a.w * WEIGHT.synonym, typo: a.typo }); });
      });
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
      pool[name] = { score: new Float64Array(size), key: new Int32Array(size).fill(-1), matched: new Uint8Array(size), cover: new Uint8Array(size), typos: new Uint8Array(size), pages: new Int32Array(size), n: 0 };
    }
    var b = pool[name];
    for (var i = 0; i < b.n; i++) b.key[b.pages[i]] = -1;
    b.n = 0;
    return b;
  };

  // Ranked page hits of a parsed query (best section per page): AND over
  // the words in one section, then AND over a page's sections, then OR.
  // Returns the first `limit` hits in order and the total.
  Engine.prototype.rank = function (parsed, limit, boost) {
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
    // How much of the query an entry covers, 0–100: the words it has,
    // each weighed by its IDF, so a page without a common word («ведёт»,
    // «работа») ranks near the full matches and one without the rare word
    // far below.
    var weights = parsed.map(function (w) {
      var top = 0;
      for (var a = 0; a < w.alts.length; a++) {
        for (var t = 0; t < w.alts[a].terms.length; t++) {
          if (this.termPostings(w.alts[a].terms[t]).n) top = Math.max(top, this.idf(w.alts[a].terms[t]));
        }
      }
      return top;
    }, this);
    var allWeight = weights.reduce(function (x, y) { return x + y; }, 0) || 1;
    var consider = function (key, score, matched, typos, cover) {
      var page = Math.floor(key / stride);
      if (best.key[page] < 0) best.pages[best.n++] = page;
      else if (!(cover > best.cover[page] || (cover === best.cover[page] && (typos < best.typos[page] || (typos === best.typos[page] && score > best.score[page]))))) return;
      best.key[page] = key;
      best.score[page] = score;
      best.matched[page] = matched;
      best.cover[page] = cover;
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
        consider(key, score, n, typos, 100);
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
        consider(top, sum * PAGE_AND, n, typoCount, 100);
      }
    }
    // Few pages have every word: the pages with most of them (by weight)
    // follow, so a question worded unlike the page still finds it.
    if (best.n < OR_FILL && n > 1) {
      if (!best.n) mode = 'or';
      var or = this.entryBuffers('or');
      clearEntries(or);
      var cover = or.cover || (or.cover = new Float32Array(or.score.length));
      for (k = 0; k < n; k++) {
        var h = perWord[k];
        for (j = 0; j < h.n; j++) {
          key = h.keys[j];
          if (!or.flag[key]) {
            or.keys[or.n++] = key;
            or.score[key] = 0;
            cover[key] = 0;
          }
          or.flag[key]++;
          or.score[key] += h.score[key];
          cover[key] += weights[k];
          if (h.flag[key] === 2) or.extra[key]++;
        }
      }
      for (j = 0; j < or.n; j++) {
        key = or.keys[j];
        var part = or.flag[key] === n ? 100 : Math.min(99, Math.floor(100 * cover[key] / allWeight));
        consider(key, or.score[key], or.flag[key], or.extra[key], part);
      }
    }
    // Pages that define terms go first for a question asking what one
    // means, and after the page about the term otherwise (a glossary entry
    // is short, so it would outscore the page on the term's own words).
    var defining = this.meta.definitions || [];
    for (j = 0; j < defining.length; j++) {
      if (defining[j] < best.key.length && best.key[defining[j]] >= 0) best.score[defining[j]] *= boost ? DEFINITION_BOOST : GLOSSARY_PLAIN;
    }
    // Order: more of the query covered, fewer typos, higher score, lower page.
    var before = function (a, b) {
      return best.cover[a] !== best.cover[b] ? best.cover[a] > best.cover[b]
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
  // terms}], corrected, suggestion} with the first `limit` hits (all when
  // not given). `cut`: a word is so common that the index keeps only its
  // best postings, so total counts the pages among those. `corrected`: the
  // query as read with the other keyboard layout, when that is what was
  // searched. `suggestion`: for no result, the query with its unknown
  // words replaced by the nearest ones the index has. `offline`: from the
  // files loaded only; an answer that needs another (the other layout, a
  // suggestion) fails with needsFiles set.
  Engine.prototype.query = function (text, limit, offline) {
    var self = this;
    return self.ready().then(function () {
      return self.understand(text, limit, offline);
    }).then(function (res) {
      // One letter is too little to tell a layout (and would cost a request).
      var letters = (text.match(/\p{L}/gu) || []).length;
      var switched = self.meta.query && weak(res) && letters >= 2 ? switchLayout(text, self.meta.query) : null;
      if (!switched) return res;
      return self.understand(switched, limit, offline).then(function (other) {
        if (!better(other, res)) return res;
        other.corrected = switched;
        return other;
      });
    }).then(function (res) {
      if (res.total || !self.meta.query) return res;
      return self.suggest(text, res.words, offline).then(function (suggestion) {
        res.suggestion = suggestion;
        return res;
      });
    });
  };

  // Whether another reading of the query is worth a try: nothing found,
  // not all words together, only through typos, or a word the index has
  // only in the other script or split.
  function weak(res) {
    return !res.total || res.mode === 'or' || res.dead > 0 || res.hits.every(function (h) { return h.typos > 0; });
  }

  // Whether reading a is better than reading b.
  function better(a, b) {
    if (!a.total) return false;
    if (!b.total) return true;
    if (a.mode !== b.mode) return a.mode === 'and';
    if (a.dead !== b.dead) return a.dead < b.dead;
    var typos = function (r) { return r.hits.every(function (h) { return h.typos > 0; }); };
    return typos(b) && !typos(a);
  }

  // One reading of the query: parse, load, widen words the index does not
  // have (the other script, a joined word split), rank.
  Engine.prototype.understand = function (text, limit, offline) {
    var self = this;
    var parsed = self.parse(text);
    var rules = self.meta.query;
    var boost = rules && asksDefinition(words(text).map(function (w) { return w.parts.join('-'); })) ? self.meta.definitions : null;
    var dead = [];
    return self.loadShards(self.neededShards(parsed), offline).then(function () {
      self.expand(parsed);
      dead = rules ? parsed.filter(function (w) { return self.isDead(w); }) : [];
      return dead.length ? self.widen(dead, offline) : null;
    }).then(function () {
      var ranked = self.rank(parsed, limit, boost);
      return { total: ranked.total, cut: ranked.cut, mode: ranked.mode, words: parsed, hits: ranked.hits, dead: dead.length, whole: self.whole(text, parsed) };
    });
  };

  // A word none of whose alternatives the index has.
  Engine.prototype.isDead = function (w) {
    var self = this;
    return w.single && !w.alts.some(function (a) {
      return a.terms.every(function (t) { return self.hasTerm(t); });
    });
  };

  // Alternatives for words the index does not have: the word in the other
  // script (црм → crm, menedzher → менеджер; as a prefix too while it is
  // typed) and, for a long word, two words the pages write apart
  // (онлайнкурс → онлайн курс): the first part's shards first, then the
  // second part's for the few splits whose first part exists.
  Engine.prototype.widen = function (dead, offline) {
    var self = this, rules = self.meta.query;
    var plans = dead.map(function (w) {
      var other = transliterate(w.raw, rules);
      var otherTerm = other && !self.stop.has(other) ? stem(other) : null;
      var parts = Array.from(w.raw).length >= 2 * rules.min_split + 1 ? splits(w.raw, rules) : [];
      return { w: w, other: other, otherTerm: otherTerm, parts: parts };
    });
    var first = [];
    plans.forEach(function (p) {
      if (p.otherTerm) first.push(self.shardOf(p.otherTerm));
      if (p.other && p.w.prefixes.length) first.push(self.shardOf(p.other));
      p.parts.forEach(function (pair) { first.push(self.shardOf(stem(pair[0]))); });
    });
    return self.loadShards(first, offline).then(function () {
      var second = [];
      plans.forEach(function (p) {
        p.parts = p.parts.filter(function (pair) {
          return !self.stop.has(pair[0]) && self.hasTerm(stem(pair[0]));
        }).slice(0, SPLITS_TRIED);
        p.parts.forEach(function (pair) { second.push(self.shardOf(stem(pair[1]))); });
      });
      return self.loadShards(second, offline);
    }).then(function () {
      plans.forEach(function (p) {
        var w = p.w;
        if (p.otherTerm && self.hasTerm(p.otherTerm)) w.alts.push({ terms: [p.otherTerm], w: WEIGHT.synonym });
        if (p.other && w.prefixes.length) {
          var prefixWord = { alts: w.alts, prefixes: [p.other], typo: false };
          self.expand([prefixWord]);
        }
        p.parts.forEach(function (pair) {
          var a = stem(pair[0]), b = stem(pair[1]);
          if (self.hasTerm(a + '-' + b)) w.alts.push({ terms: [a + '-' + b], w: WEIGHT.synonym });
          if (self.hasTerm(b)) w.alts.push({ terms: [a, b], w: WEIGHT.parts });
        });
      });
    });
  };

  // For a query that found nothing: its unknown words replaced by the
  // nearest terms of the loaded shards (two edits at most, the commonest
  // first), each shown as a word of a page that has it. null when none.
  Engine.prototype.suggest = function (text, parsed, offline) {
    var self = this;
    var changes = [];
    var unknown = parsed.filter(function (w) {
      return w.single && w.main && Array.from(w.raw).length >= 4 && self.isDeadExact(w);
    });
    // A suggestion is shown as the word a page writes, from the fragment
    // files: offline, say so before scanning every loaded term (a key that
    // finds nothing would scan them again after the pause).
    if (offline && unknown.length) return needsFiles();
    unknown.forEach(function (w) {
      var best = null, bestDistance = 3, bestDf = -1;
      Object.keys(self.shards).forEach(function (id) {
        for (var term in self.shards[id]) {
          if (term.indexOf('-') >= 0 || term.length < 3) continue;
          var d = editDistance(w.main, term, 2);
          if (d > 2 || d > bestDistance) continue;
          var df = self.termPostings(term).df;
          if (d < bestDistance || df > bestDf) {
            best = term;
            bestDistance = d;
            bestDf = df;
          }
        }
      });
      if (best) changes.push({ w: w, term: best });
    });
    if (!changes.length) return Promise.resolve(null);
    return Promise.all(changes.map(function (c) { return self.surface(c.term); })).then(function (forms) {
      var out = text;
      changes.forEach(function (c, i) {
        if (forms[i]) out = out.replace(c.w.text, forms[i]);
      });
      return out === text ? null : out;
    });
  };

  // A word with no exact match in the index (prefix and typo matches aside).
  Engine.prototype.isDeadExact = function (w) {
    var self = this;
    return !w.alts.some(function (a) {
      return !a.prefix && !a.typo && a.terms.every(function (t) { return self.hasTerm(t); });
    });
  };

  // A word as the pages write it whose term is `term`: from the text of
  // the first page that has it.
  Engine.prototype.surface = function (term) {
    var self = this, list = self.termPostings(term);
    if (!list.n) return Promise.resolve(null);
    var stride = self.meta.sections || 256, page = Math.floor(list.keys[0] / stride);
    var group = self.meta.fragments;
    return self.load('f/' + Math.floor(page / group)).then(function (pages) {
      var f = pages[page % group];
      var texts = [f.title].concat(f.sections.map(function (s) { return s[1] + ' ' + s[2]; }));
      for (var i = 0; i < texts.length; i++) {
        var found = words(texts[i]).find(function (w) { return w.parts.length === 1 && stem(w.parts[0]) === term; });
        if (found) return texts[i].slice(found.start, found.end).toLowerCase();
      }
      return null;
    }, function () { return null; });
  };

  // What to show for a hit: URL (root-relative), title, breadcrumb, heading
  // and snippet segments. Loads the fragment file holding the page.
  // Where a hit's section is: its fragment file and the place in it. A
  // long page (meta.long) is cut into fragments of meta.chunk sections;
  // the first is the page's item in its group's file, the others are
  // f/<page>-<k>.
  Engine.prototype.fragmentOf = function (hit) {
    if (!this.long) this.long = new Set(this.meta.long || []);
    var per = this.meta.chunk || Infinity;
    var k = this.long.has(hit.page) ? Math.floor(hit.section / per) : 0;
    return {
      file: k ? 'f/' + hit.page + '-' + k : 'f/' + Math.floor(hit.page / this.meta.fragments),
      k: k,
      section: hit.section - k * per,
    };
  };

  Engine.prototype.fragmentFile = function (hit) {
    return this.fragmentOf(hit).file;
  };

  Engine.prototype.present = function (hit) {
    var self = this;
    var group = self.meta.fragments;
    var where = self.fragmentOf(hit);
    return self.load(where.file).then(function (data) {
      var f = where.k ? data : data[hit.page % group];
      var section = f.sections[where.section] || f.sections[0];
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

  // [start, end) of each word of text that has one of `terms`. Only the
  // whitespace-separated pieces of text that can hold such a word are
  // split into words (Intl.Segmenter takes about 0.8 ms a KB, and a
  // result's section is several KB): a stem keeps its word's first two
  // letters (one, for a stem of one letter), and a word never spans
  // whitespace, so splitting a piece alone gives the same words as
  // splitting the whole text.
  var PIECE = /\S+/g;
  var RUN = /[\p{L}\p{N}\p{M}_]+/gu;
  function matchRanges(text, terms, stop) {
    var heads = new Set();
    terms.forEach(function (t) { heads.add(t.slice(0, Math.min(2, t.length))); });
    var couldHold = function (piece) {
      var run;
      RUN.lastIndex = 0;
      while ((run = RUN.exec(piece))) {
        // From the piece, not the run: «3.1» is one word, and normalize
        // drops up to two stress marks.
        var w = normalize(piece.slice(run.index, run.index + 4));
        if (heads.has(w.slice(0, 2)) || heads.has(w.slice(0, 1))) return true;
      }
      return false;
    };
    var ranges = [], m;
    PIECE.lastIndex = 0;
    while ((m = PIECE.exec(text))) {
      if (!couldHold(m[0])) continue;
      var at = m.index;
      words(m[0]).forEach(function (w) {
        var wt = wordTerms(w, stop);
        if ((wt.compound && terms.has(wt.compound)) || wt.terms.some(function (t) { return terms.has(t); })) ranges.push([at + w.start, at + w.end]);
      });
    }
    return ranges;
  }

  // Text → [{text, mark}] around the densest run of words whose terms are
  // in `terms`. Plain strings only: the caller renders them as text nodes.
  function snippet(text, terms, stop, max) {
    max = max || SNIPPET;
    var ranges = matchRanges(text, terms, stop || new Set());
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
    contentWords: contentWords,
    asksDefinition: asksDefinition,
    switchLayout: switchLayout,
    transliterate: transliterate,
    splits: splits,
    editDistance: editDistance,
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
