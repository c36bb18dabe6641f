/* Kurator: Snowball stemmers for Russian and English, ported to JavaScript
 * from the Snowball algorithm descriptions (snowballstem.org) so that they
 * behave exactly like rust-stemmers 1.2, which builds the search index.
 *
 * To agree with rust-stemmers byte for byte, the port keeps its model: the
 * word is held as UTF-8 bytes, the cursor counts bytes, and suffix tables
 * are searched with the same binary search over bytes (the tables below
 * list the suffixes of each Snowball `among` in rust-stemmers' order, with
 * the index of the longest shorter suffix and the result code).
 * tests/js/stemmer-parity.test.mjs checks every word of the Snowball
 * vocabularies against rust-stemmers.
 *
 * One file of 800 lines on purpose: it is a port kept line for line beside
 * the algorithms it copies, and the page loads it as one script on first
 * search; most of its length is the suffix tables.
 *
 * Classic script: defines window.KuratorStemmer; under node, module.exports.
 */
(function (global) {
  'use strict';

  var encoder = new TextEncoder();
  var decoder = new TextDecoder();

  function bytes(s) {
    return Array.from(encoder.encode(s));
  }

  // [suffix bytes, index of the longest entry that is a suffix of this one, result]
  function among(rows) {
    return rows.map(function (r) {
      return [bytes(r[0]), r[1], r[2]];
    });
  }

  // The string being stemmed, with Snowball's cursor and limits (in bytes).
  function Env(word) {
    this.b = bytes(word);
    this.cursor = 0;
    this.limit = this.b.length;
    this.lb = 0;
    this.bra = 0;
    this.ket = this.limit;
  }

  Env.prototype.isBoundary = function (i) {
    var n = this.b.length;
    if (i === 0 || i === n) return true;
    if (i > n || i < 0) return false;
    return (this.b[i] & 0xc0) !== 0x80;
  };

  // The code point starting at byte i.
  Env.prototype.charAt = function (i) {
    var b = this.b;
    var c = b[i];
    if (c < 0x80) return c;
    if (c < 0xe0) return ((c & 0x1f) << 6) | (b[i + 1] & 0x3f);
    if (c < 0xf0) return ((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f);
    return ((c & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f);
  };

  Env.prototype.nextChar = function () {
    this.cursor++;
    while (this.cursor < this.b.length && !this.isBoundary(this.cursor)) this.cursor++;
  };

  Env.prototype.previousChar = function () {
    this.cursor--;
    while (this.cursor > 0 && !this.isBoundary(this.cursor)) this.cursor--;
  };

  // Byte position `delta` characters away from the cursor.
  Env.prototype.hop = function (delta) {
    var res = this.cursor;
    if (delta > 0) {
      while (delta > 0) {
        res++;
        delta--;
        while (res <= this.b.length && !this.isBoundary(res)) res++;
      }
    } else {
      while (delta < 0) {
        res--;
        delta++;
        while (res >= 0 && !this.isBoundary(res)) res--;
      }
    }
    return res;
  };

  Env.prototype.replace = function (bra, ket, s) {
    var sb = bytes(s);
    var adjustment = sb.length - (ket - bra);
    var args = [bra, ket - bra].concat(sb);
    Array.prototype.splice.apply(this.b, args);
    this.limit += adjustment;
    if (this.cursor >= ket) this.cursor += adjustment;
    else if (this.cursor > bra) this.cursor = bra;
    return adjustment;
  };

  Env.prototype.sliceFrom = function (s) {
    this.replace(this.bra, this.ket, s);
    return true;
  };

  Env.prototype.sliceDel = function () {
    return this.sliceFrom('');
  };

  Env.prototype.insert = function (bra, ket, s) {
    var adjustment = this.replace(bra, ket, s);
    if (bra <= this.bra) this.bra += adjustment;
    if (bra <= this.ket) this.ket += adjustment;
  };

  // Whether the bytes of `s` start at byte `at` (to the end of the string).
  Env.prototype.startsWith = function (at, sb) {
    if (at + sb.length > this.b.length) return false;
    for (var i = 0; i < sb.length; i++) if (this.b[at + i] !== sb[i]) return false;
    return true;
  };

  Env.prototype.eqS = function (s) {
    if (this.cursor >= this.limit) return false;
    var sb = bytes(s);
    if (!this.startsWith(this.cursor, sb)) return false;
    this.cursor += sb.length;
    while (this.cursor < this.b.length && !this.isBoundary(this.cursor)) this.cursor++;
    return true;
  };

  Env.prototype.eqSB = function (s) {
    var sb = bytes(s);
    if (this.cursor - this.lb < sb.length) return false;
    if (!this.isBoundary(this.cursor - sb.length) || !this.startsWith(this.cursor - sb.length, sb)) return false;
    this.cursor -= sb.length;
    return true;
  };

  function inSet(g, min, max, ch) {
    if (ch > max || ch < min) return false;
    ch -= min;
    return (g[ch >> 3] & (1 << (ch & 7))) !== 0;
  }

  Env.prototype.inGrouping = function (g, min, max) {
    if (this.cursor >= this.limit) return false;
    if (!inSet(g, min, max, this.charAt(this.cursor))) return false;
    this.nextChar();
    return true;
  };

  Env.prototype.inGroupingB = function (g, min, max) {
    if (this.cursor <= this.lb) return false;
    this.previousChar();
    var ch = this.charAt(this.cursor);
    this.nextChar();
    if (!inSet(g, min, max, ch)) return false;
    this.previousChar();
    return true;
  };

  Env.prototype.outGrouping = function (g, min, max) {
    if (this.cursor >= this.limit) return false;
    if (inSet(g, min, max, this.charAt(this.cursor))) return false;
    this.nextChar();
    return true;
  };

  Env.prototype.outGroupingB = function (g, min, max) {
    if (this.cursor <= this.lb) return false;
    this.previousChar();
    var ch = this.charAt(this.cursor);
    this.nextChar();
    if (inSet(g, min, max, ch)) return false;
    this.previousChar();
    return true;
  };

  // Longest entry of `table` that matches forwards at the cursor: its
  // result, with the cursor after it; 0 if none.
  Env.prototype.findAmong = function (table) {
    var i = 0, j = table.length, c = this.cursor, l = this.limit;
    var commonI = 0, commonJ = 0, firstKeyInspected = false;
    for (;;) {
      var k = i + ((j - i) >> 1);
      var diff = 0;
      var common = Math.min(commonI, commonJ);
      var w = table[k][0];
      for (var lvar = common; lvar < w.length; lvar++) {
        if (c + common === l) {
          diff = -1;
          break;
        }
        diff = this.b[c + common] - w[lvar];
        if (diff !== 0) break;
        common++;
      }
      if (diff < 0) {
        j = k;
        commonJ = common;
      } else {
        i = k;
        commonI = common;
      }
      if (j - i <= 1) {
        if (i > 0 || j === i || firstKeyInspected) break;
        firstKeyInspected = true;
      }
    }
    for (;;) {
      var e = table[i];
      if (commonI >= e[0].length) {
        this.cursor = c + e[0].length;
        return e[2];
      }
      i = e[1];
      if (i < 0) return 0;
    }
  };

  // Longest entry of `table` that matches backwards from the cursor, not
  // past the backward limit: its result, with the cursor before it; 0 if none.
  Env.prototype.findAmongB = function (table) {
    var i = 0, j = table.length, c = this.cursor, lb = this.lb;
    var commonI = 0, commonJ = 0, firstKeyInspected = false;
    for (;;) {
      var k = i + ((j - i) >> 1);
      var diff = 0;
      var common = Math.min(commonI, commonJ);
      var w = table[k][0];
      for (var lvar = w.length - common - 1; lvar >= 0; lvar--) {
        if (c - common === lb) {
          diff = -1;
          break;
        }
        diff = this.b[c - common - 1] - w[lvar];
        if (diff !== 0) break;
        common++;
      }
      if (diff < 0) {
        j = k;
        commonJ = common;
      } else {
        i = k;
        commonI = common;
      }
      if (j - i <= 1) {
        if (i > 0 || j === i || firstKeyInspected) break;
        firstKeyInspected = true;
      }
    }
    for (;;) {
      var e = table[i];
      if (commonI >= e[0].length) {
        this.cursor = c - e[0].length;
        return e[2];
      }
      i = e[1];
      if (i < 0) return 0;
    }
  };

  Env.prototype.toString = function () {
    return decoder.decode(new Uint8Array(this.b));
  };

  // Moves forward past the first position where `test` succeeds (Snowball
  // `gopast`); false at the end of the string.
  function goPast(env, test) {
    for (;;) {
      if (test()) return true;
      if (env.cursor >= env.limit) return false;
      env.nextChar();
    }
  }

  // Backward `gopast`.
  function goPastB(env, test) {
    for (;;) {
      if (test()) return true;
      if (env.cursor <= env.lb) return false;
      env.previousChar();
    }
  }

  // --- Tables (the suffix lists of the Snowball algorithms) ---
  const RU_A_0 = among([["вшись", -1, 1], ["ывшись", 0, 2], ["ившись", 0, 2], ["в", -1, 1], ["ыв", 3, 2], ["ив", 3, 2], ["вши", -1, 1], ["ывши", 6, 2], ["ивши", 6, 2]]);
  const RU_A_1 = among([["ему", -1, 1], ["ому", -1, 1], ["ых", -1, 1], ["их", -1, 1], ["ую", -1, 1], ["юю", -1, 1], ["ею", -1, 1], ["ою", -1, 1], ["яя", -1, 1], ["ая", -1, 1], ["ые", -1, 1], ["ее", -1, 1], ["ие", -1, 1], ["ое", -1, 1], ["ыми", -1, 1], ["ими", -1, 1], ["ый", -1, 1], ["ей", -1, 1], ["ий", -1, 1], ["ой", -1, 1], ["ым", -1, 1], ["ем", -1, 1], ["им", -1, 1], ["ом", -1, 1], ["его", -1, 1], ["ого", -1, 1]]);
  const RU_A_2 = among([["вш", -1, 1], ["ывш", 0, 2], ["ивш", 0, 2], ["щ", -1, 1], ["ющ", 3, 1], ["ующ", 4, 2], ["ем", -1, 1], ["нн", -1, 1]]);
  const RU_A_3 = among([["сь", -1, 1], ["ся", -1, 1]]);
  const RU_A_4 = among([["ыт", -1, 2], ["ют", -1, 1], ["уют", 1, 2], ["ят", -1, 2], ["ет", -1, 1], ["ует", 4, 2], ["ит", -1, 2], ["ны", -1, 1], ["ены", 7, 2], ["ть", -1, 1], ["ыть", 9, 2], ["ить", 9, 2], ["ешь", -1, 1], ["ишь", -1, 2], ["ю", -1, 2], ["ую", 14, 2], ["ла", -1, 1], ["ыла", 16, 2], ["ила", 16, 2], ["на", -1, 1], ["ена", 19, 2], ["ете", -1, 1], ["ите", -1, 2], ["йте", -1, 1], ["уйте", 23, 2], ["ейте", 23, 2], ["ли", -1, 1], ["ыли", 26, 2], ["или", 26, 2], ["й", -1, 1], ["уй", 29, 2], ["ей", 29, 2], ["л", -1, 1], ["ыл", 32, 2], ["ил", 32, 2], ["ым", -1, 2], ["ем", -1, 1], ["им", -1, 2], ["н", -1, 1], ["ен", 38, 2], ["ло", -1, 1], ["ыло", 40, 2], ["ило", 40, 2], ["но", -1, 1], ["ено", 43, 2], ["нно", 43, 1]]);
  const RU_A_5 = among([["у", -1, 1], ["ях", -1, 1], ["иях", 1, 1], ["ах", -1, 1], ["ы", -1, 1], ["ь", -1, 1], ["ю", -1, 1], ["ью", 6, 1], ["ию", 6, 1], ["я", -1, 1], ["ья", 9, 1], ["ия", 9, 1], ["а", -1, 1], ["ев", -1, 1], ["ов", -1, 1], ["е", -1, 1], ["ье", 15, 1], ["ие", 15, 1], ["и", -1, 1], ["еи", 18, 1], ["ии", 18, 1], ["ями", 18, 1], ["иями", 21, 1], ["ами", 18, 1], ["й", -1, 1], ["ей", 24, 1], ["ией", 25, 1], ["ий", 24, 1], ["ой", 24, 1], ["ям", -1, 1], ["иям", 29, 1], ["ам", -1, 1], ["ем", -1, 1], ["ием", 32, 1], ["ом", -1, 1], ["о", -1, 1]]);
  const RU_A_6 = among([["ост", -1, 1], ["ость", -1, 1]]);
  const RU_A_7 = among([["ейш", -1, 1], ["ь", -1, 3], ["ейше", -1, 1], ["н", -1, 2]]);
  const RU_G_v = [33, 65, 8, 232];
  const EN_A_0 = among([["arsen", -1, -1], ["commun", -1, -1], ["gener", -1, -1]]);
  const EN_A_1 = among([["'", -1, 1], ["'s'", 0, 1], ["'s", -1, 1]]);
  const EN_A_2 = among([["ied", -1, 2], ["s", -1, 3], ["ies", 1, 2], ["sses", 1, 1], ["ss", 1, -1], ["us", 1, -1]]);
  const EN_A_3 = among([["", -1, 3], ["bb", 0, 2], ["dd", 0, 2], ["ff", 0, 2], ["gg", 0, 2], ["bl", 0, 1], ["mm", 0, 2], ["nn", 0, 2], ["pp", 0, 2], ["rr", 0, 2], ["at", 0, 1], ["tt", 0, 2], ["iz", 0, 1]]);
  const EN_A_4 = among([["ed", -1, 2], ["eed", 0, 1], ["ing", -1, 2], ["edly", -1, 2], ["eedly", 3, 1], ["ingly", -1, 2]]);
  const EN_A_5 = among([["anci", -1, 3], ["enci", -1, 2], ["ogi", -1, 13], ["li", -1, 16], ["bli", 3, 12], ["abli", 4, 4], ["alli", 3, 8], ["fulli", 3, 14], ["lessli", 3, 15], ["ousli", 3, 10], ["entli", 3, 5], ["aliti", -1, 8], ["biliti", -1, 12], ["iviti", -1, 11], ["tional", -1, 1], ["ational", 14, 7], ["alism", -1, 8], ["ation", -1, 7], ["ization", 17, 6], ["izer", -1, 6], ["ator", -1, 7], ["iveness", -1, 11], ["fulness", -1, 9], ["ousness", -1, 10]]);
  const EN_A_6 = among([["icate", -1, 4], ["ative", -1, 6], ["alize", -1, 3], ["iciti", -1, 4], ["ical", -1, 4], ["tional", -1, 1], ["ational", 5, 2], ["ful", -1, 5], ["ness", -1, 5]]);
  const EN_A_7 = among([["ic", -1, 1], ["ance", -1, 1], ["ence", -1, 1], ["able", -1, 1], ["ible", -1, 1], ["ate", -1, 1], ["ive", -1, 1], ["ize", -1, 1], ["iti", -1, 1], ["al", -1, 1], ["ism", -1, 1], ["ion", -1, 2], ["er", -1, 1], ["ous", -1, 1], ["ant", -1, 1], ["ent", -1, 1], ["ment", 15, 1], ["ement", 16, 1]]);
  const EN_A_8 = among([["e", -1, 1], ["l", -1, 2]]);
  const EN_A_9 = among([["succeed", -1, -1], ["proceed", -1, -1], ["exceed", -1, -1], ["canning", -1, -1], ["inning", -1, -1], ["earring", -1, -1], ["herring", -1, -1], ["outing", -1, -1]]);
  const EN_A_10 = among([["andes", -1, -1], ["atlas", -1, -1], ["bias", -1, -1], ["cosmos", -1, -1], ["dying", -1, 3], ["early", -1, 9], ["gently", -1, 7], ["howe", -1, -1], ["idly", -1, 6], ["lying", -1, 4], ["news", -1, -1], ["only", -1, 10], ["singly", -1, 11], ["skies", -1, 2], ["skis", -1, 1], ["sky", -1, -1], ["tying", -1, 5], ["ugly", -1, 8]]);
  const EN_G_v = [17, 65, 16, 1];
  const EN_G_v_WXY = [1, 17, 65, 208, 1];
  const EN_G_valid_LI = [55, 141, 2];

  // --- Russian ---

  function ruMarkRegions(e, ctx) {
    ctx.pV = e.limit;
    ctx.p2 = e.limit;
    var v1 = e.cursor;
    var inV = function () { return e.inGrouping(RU_G_v, 1072, 1103); };
    var outV = function () { return e.outGrouping(RU_G_v, 1072, 1103); };
    if (goPast(e, inV)) {
      ctx.pV = e.cursor;
      if (goPast(e, outV) && goPast(e, inV) && goPast(e, outV)) ctx.p2 = e.cursor;
    }
    e.cursor = v1;
  }

  // Deletes the matched suffix when it follows `а` or `я` (result 1) or
  // unconditionally (result 2).
  function ruDeleteAfterAYa(e, table) {
    e.ket = e.cursor;
    var av = e.findAmongB(table);
    if (av === 0) return false;
    e.bra = e.cursor;
    if (av === 1) {
      var v1 = e.limit - e.cursor;
      if (!e.eqSB('а')) {
        e.cursor = e.limit - v1;
        if (!e.eqSB('я')) return false;
      }
      e.sliceDel();
    } else if (av === 2) {
      e.sliceDel();
    }
    return true;
  }

  function ruDelete(e, table) {
    e.ket = e.cursor;
    var av = e.findAmongB(table);
    if (av === 0) return false;
    e.bra = e.cursor;
    if (av === 1) e.sliceDel();
    return true;
  }

  function ruAdjectival(e) {
    if (!ruDelete(e, RU_A_1)) return false;
    var v1 = e.limit - e.cursor;
    e.ket = e.cursor;
    var av = e.findAmongB(RU_A_2);
    if (av === 0) {
      e.cursor = e.limit - v1;
      return true;
    }
    e.bra = e.cursor;
    if (av === 1) {
      var v2 = e.limit - e.cursor;
      if (!e.eqSB('а')) {
        e.cursor = e.limit - v2;
        if (!e.eqSB('я')) {
          e.cursor = e.limit - v1;
          return true;
        }
      }
      e.sliceDel();
    } else if (av === 2) {
      e.sliceDel();
    }
    return true;
  }

  function ruDerivational(e, ctx) {
    e.ket = e.cursor;
    var av = e.findAmongB(RU_A_6);
    if (av === 0) return false;
    e.bra = e.cursor;
    if (!(ctx.p2 <= e.cursor)) return false;
    if (av === 1) e.sliceDel();
    return true;
  }

  function ruTidyUp(e) {
    e.ket = e.cursor;
    var av = e.findAmongB(RU_A_7);
    if (av === 0) return false;
    e.bra = e.cursor;
    if (av === 1) {
      e.sliceDel();
      e.ket = e.cursor;
      if (!e.eqSB('н')) return false;
      e.bra = e.cursor;
      if (!e.eqSB('н')) return false;
      e.sliceDel();
    } else if (av === 2) {
      if (!e.eqSB('н')) return false;
      e.sliceDel();
    } else if (av === 3) {
      e.sliceDel();
    }
    return true;
  }

  function stemRussian(word) {
    var e = new Env(word);
    var ctx = { pV: 0, p2: 0 };
    ruMarkRegions(e, ctx);
    e.lb = e.cursor;
    e.cursor = e.limit;
    if (e.cursor < ctx.pV) return e.toString();
    var v2 = e.limit - e.cursor;
    e.cursor = ctx.pV;
    var v3 = e.lb;
    e.lb = e.cursor;
    e.cursor = e.limit - v2;

    var v4 = e.limit - e.cursor;
    var v5 = e.limit - e.cursor;
    if (!ruDeleteAfterAYa(e, RU_A_0)) {
      e.cursor = e.limit - v5;
      var v6 = e.limit - e.cursor;
      if (!ruDelete(e, RU_A_3)) e.cursor = e.limit - v6;
      var v7 = e.limit - e.cursor;
      if (!ruAdjectival(e)) {
        e.cursor = e.limit - v7;
        if (!ruDeleteAfterAYa(e, RU_A_4)) {
          e.cursor = e.limit - v7;
          ruDelete(e, RU_A_5);
        }
      }
    }
    e.cursor = e.limit - v4;

    var v8 = e.limit - e.cursor;
    e.ket = e.cursor;
    if (!e.eqSB('и')) {
      e.cursor = e.limit - v8;
    } else {
      e.bra = e.cursor;
      e.sliceDel();
    }
    var v9 = e.limit - e.cursor;
    ruDerivational(e, ctx);
    e.cursor = e.limit - v9;
    var v10 = e.limit - e.cursor;
    ruTidyUp(e);
    e.cursor = e.limit - v10;
    e.lb = v3;
    e.cursor = e.lb;
    return e.toString();
  }

  // --- English (Porter2) ---

  var EN_V = [97, 121];

  function enInV(e) { return e.inGrouping(EN_G_v, 97, 121); }
  function enOutV(e) { return e.outGrouping(EN_G_v, 97, 121); }

  function enPrelude(e, ctx) {
    ctx.yFound = false;
    var v1 = e.cursor;
    e.bra = e.cursor;
    if (e.eqS("'")) {
      e.ket = e.cursor;
      e.sliceDel();
    }
    e.cursor = v1;
    var v2 = e.cursor;
    e.bra = e.cursor;
    if (e.eqS('y')) {
      e.ket = e.cursor;
      e.sliceFrom('Y');
      ctx.yFound = true;
    }
    e.cursor = v2;
    var v3 = e.cursor;
    // repeat: goto (v [y]) <- 'Y'
    for (;;) {
      var v4 = e.cursor;
      var found = false;
      for (;;) {
        var v5 = e.cursor;
        if (enInV(e)) {
          e.bra = e.cursor;
          if (e.eqS('y')) {
            e.ket = e.cursor;
            e.cursor = v5;
            found = true;
            break;
          }
        }
        e.cursor = v5;
        if (e.cursor >= e.limit) break;
        e.nextChar();
      }
      if (!found) {
        e.cursor = v4;
        break;
      }
      e.sliceFrom('Y');
      ctx.yFound = true;
    }
    e.cursor = v3;
  }

  function enMarkRegions(e, ctx) {
    ctx.p1 = e.limit;
    ctx.p2 = e.limit;
    var v1 = e.cursor;
    done: {
      var v2 = e.cursor;
      if (e.findAmong(EN_A_0) === 0) {
        e.cursor = v2;
        if (!goPast(e, function () { return enInV(e); })) break done;
        if (!goPast(e, function () { return enOutV(e); })) break done;
      }
      ctx.p1 = e.cursor;
      if (!goPast(e, function () { return enInV(e); })) break done;
      if (!goPast(e, function () { return enOutV(e); })) break done;
      ctx.p2 = e.cursor;
    }
    e.cursor = v1;
  }

  function enShortV(e) {
    var v1 = e.limit - e.cursor;
    if (e.outGroupingB(EN_G_v_WXY, 89, 121) && e.inGroupingB(EN_G_v, 97, 121) && e.outGroupingB(EN_G_v, 97, 121)) {
      return true;
    }
    e.cursor = e.limit - v1;
    if (!e.outGroupingB(EN_G_v, 97, 121)) return false;
    if (!e.inGroupingB(EN_G_v, 97, 121)) return false;
    return !(e.cursor > e.lb);
  }

  function enStep1a(e) {
    var v1 = e.limit - e.cursor;
    e.ket = e.cursor;
    var av = e.findAmongB(EN_A_1);
    if (av === 0) {
      e.cursor = e.limit - v1;
    } else {
      e.bra = e.cursor;
      if (av === 1) e.sliceDel();
    }
    e.ket = e.cursor;
    av = e.findAmongB(EN_A_2);
    if (av === 0) return false;
    e.bra = e.cursor;
    if (av === 1) {
      e.sliceFrom('ss');
    } else if (av === 2) {
      var v2 = e.limit - e.cursor;
      var c = e.hop(-2);
      if (!(e.lb > c || c > e.limit)) {
        e.cursor = c;
        e.sliceFrom('i');
      } else {
        e.cursor = e.limit - v2;
        e.sliceFrom('ie');
      }
    } else if (av === 3) {
      if (e.cursor <= e.lb) return false;
      e.previousChar();
      if (!goPastB(e, function () { return e.inGroupingB(EN_G_v, 97, 121); })) return false;
      e.sliceDel();
    }
    return true;
  }

  function enStep1b(e, ctx) {
    e.ket = e.cursor;
    var av = e.findAmongB(EN_A_4);
    if (av === 0) return false;
    e.bra = e.cursor;
    if (av === 1) {
      if (!(ctx.p1 <= e.cursor)) return false;
      e.sliceFrom('ee');
    } else if (av === 2) {
      var v1 = e.limit - e.cursor;
      if (!goPastB(e, function () { return e.inGroupingB(EN_G_v, 97, 121); })) return false;
      e.cursor = e.limit - v1;
      e.sliceDel();
      var v3 = e.limit - e.cursor;
      av = e.findAmongB(EN_A_3);
      if (av === 0) return false;
      e.cursor = e.limit - v3;
      if (av === 1) {
        var c = e.cursor;
        e.insert(e.cursor, e.cursor, 'e');
        e.cursor = c;
      } else if (av === 2) {
        e.ket = e.cursor;
        if (e.cursor <= e.lb) return false;
        e.previousChar();
        e.bra = e.cursor;
        e.sliceDel();
      } else if (av === 3) {
        if (e.cursor !== ctx.p1) return false;
        var v4 = e.limit - e.cursor;
        if (!enShortV(e)) return false;
        e.cursor = e.limit - v4;
        var c2 = e.cursor;
        e.insert(e.cursor, e.cursor, 'e');
        e.cursor = c2;
      }
    }
    return true;
  }

  function enStep1c(e) {
    e.ket = e.cursor;
    var v1 = e.limit - e.cursor;
    if (!e.eqSB('y')) {
      e.cursor = e.limit - v1;
      if (!e.eqSB('Y')) return false;
    }
    e.bra = e.cursor;
    if (!e.outGroupingB(EN_G_v, 97, 121)) return false;
    if (!(e.cursor > e.lb)) return false;
    e.sliceFrom('i');
    return true;
  }

  var EN_STEP2 = [null, 'tion', 'ence', 'ance', 'able', 'ent', 'ize', 'ate', 'al', 'ful', 'ous', 'ive', 'ble'];

  function enStep2(e, ctx) {
    e.ket = e.cursor;
    var av = e.findAmongB(EN_A_5);
    if (av === 0) return false;
    e.bra = e.cursor;
    if (!(ctx.p1 <= e.cursor)) return false;
    if (av >= 1 && av <= 12) {
      e.sliceFrom(EN_STEP2[av]);
    } else if (av === 13) {
      if (!e.eqSB('l')) return false;
      e.sliceFrom('og');
    } else if (av === 14) {
      e.sliceFrom('ful');
    } else if (av === 15) {
      e.sliceFrom('less');
    } else if (av === 16) {
      if (!e.inGroupingB(EN_G_valid_LI, 99, 116)) return false;
      e.sliceDel();
    }
    return true;
  }

  var EN_STEP3 = [null, 'tion', 'ate', 'al', 'ic'];

  function enStep3(e, ctx) {
    e.ket = e.cursor;
    var av = e.findAmongB(EN_A_6);
    if (av === 0) return false;
    e.bra = e.cursor;
    if (!(ctx.p1 <= e.cursor)) return false;
    if (av >= 1 && av <= 4) {
      e.sliceFrom(EN_STEP3[av]);
    } else if (av === 5) {
      e.sliceDel();
    } else if (av === 6) {
      if (!(ctx.p2 <= e.cursor)) return false;
      e.sliceDel();
    }
    return true;
  }

  function enStep4(e, ctx) {
    e.ket = e.cursor;
    var av = e.findAmongB(EN_A_7);
    if (av === 0) return false;
    e.bra = e.cursor;
    if (!(ctx.p2 <= e.cursor)) return false;
    if (av === 1) {
      e.sliceDel();
    } else if (av === 2) {
      var v1 = e.limit - e.cursor;
      if (!e.eqSB('s')) {
        e.cursor = e.limit - v1;
        if (!e.eqSB('t')) return false;
      }
      e.sliceDel();
    }
    return true;
  }

  function enStep5(e, ctx) {
    e.ket = e.cursor;
    var av = e.findAmongB(EN_A_8);
    if (av === 0) return false;
    e.bra = e.cursor;
    if (av === 1) {
      if (!(ctx.p2 <= e.cursor)) {
        if (!(ctx.p1 <= e.cursor)) return false;
        var v2 = e.limit - e.cursor;
        if (enShortV(e)) return false;
        e.cursor = e.limit - v2;
      }
      e.sliceDel();
    } else if (av === 2) {
      if (!(ctx.p2 <= e.cursor)) return false;
      if (!e.eqSB('l')) return false;
      e.sliceDel();
    }
    return true;
  }

  function enException2(e) {
    e.ket = e.cursor;
    if (e.findAmongB(EN_A_9) === 0) return false;
    e.bra = e.cursor;
    return !(e.cursor > e.lb);
  }

  var EN_EXCEPTION1 = [null, 'ski', 'sky', 'die', 'lie', 'tie', 'idl', 'gentl', 'ugli', 'earli', 'onli', 'singl'];

  function enException1(e) {
    e.bra = e.cursor;
    var av = e.findAmong(EN_A_10);
    if (av === 0) return false;
    e.ket = e.cursor;
    if (e.cursor < e.limit) return false;
    if (av >= 1 && av <= 11) e.sliceFrom(EN_EXCEPTION1[av]);
    return true;
  }

  function enPostlude(e, ctx) {
    if (!ctx.yFound) return;
    for (;;) {
      var v1 = e.cursor;
      var found = false;
      for (;;) {
        var v2 = e.cursor;
        e.bra = e.cursor;
        if (e.eqS('Y')) {
          e.ket = e.cursor;
          e.cursor = v2;
          found = true;
          break;
        }
        e.cursor = v2;
        if (e.cursor >= e.limit) break;
        e.nextChar();
      }
      if (!found) {
        e.cursor = v1;
        return;
      }
      e.sliceFrom('y');
    }
  }

  function stemEnglish(word) {
    var e = new Env(word);
    var ctx = { yFound: false, p1: 0, p2: 0 };
    var v1 = e.cursor;
    if (enException1(e)) return e.toString();
    e.cursor = v1;
    // Words of fewer than three characters are left alone.
    var c = e.hop(3);
    if (0 > c || c > e.limit) return e.toString();
    e.cursor = v1;
    enPrelude(e, ctx);
    e.cursor = v1;
    enMarkRegions(e, ctx);
    e.cursor = v1;
    e.lb = e.cursor;
    e.cursor = e.limit;
    var v5 = e.limit - e.cursor;
    enStep1a(e);
    e.cursor = e.limit - v5;
    var v6 = e.limit - e.cursor;
    if (!enException2(e)) {
      e.cursor = e.limit - v6;
      var steps = [enStep1b, enStep1c, enStep2, enStep3, enStep4, enStep5];
      for (var i = 0; i < steps.length; i++) {
        var v = e.limit - e.cursor;
        steps[i](e, ctx);
        e.cursor = e.limit - v;
      }
    }
    e.cursor = e.lb;
    var v13 = e.cursor;
    enPostlude(e, ctx);
    e.cursor = v13;
    return e.toString();
  }

  var api = { russian: stemRussian, english: stemEnglish };
  if (typeof module !== 'undefined' && module.exports) module.exports = api;
  else global.KuratorStemmer = api;
})(typeof window !== 'undefined' ? window : this);
