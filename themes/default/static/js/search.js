/* herold search: the static index in suche/index/ (written by herold's build), searched in
 * the browser. The analysis of words (folding, stop words, Snowball stemmers) must give the
 * terms herold's build gives (src/search/text.rs); tests/search_js.rs compares them. */
(function () {
  "use strict";

  /* ---- words and terms (the same as src/search/text.rs) ---- */

  var STOP = {
    de: ["als", "am", "an", "auch", "auf", "aus", "bei", "bis", "das", "dass", "de", "dem",
      "den", "der", "des", "die", "durch", "ein", "eine", "einem", "einen", "einer", "eines",
      "er", "es", "fur", "hat", "im", "in", "ist", "mit", "nach", "noch", "oder", "sich", "sie",
      "sind", "so", "uber", "um", "und", "vom", "von", "vor", "war", "werden", "wie", "wir",
      "wird", "zu", "zum", "zur"],
    en: ["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in",
      "is", "it", "its", "of", "on", "or", "that", "the", "this", "to", "was", "were", "will",
      "with"]
  };
  var stopSets = {};
  Object.keys(STOP).forEach(function (l) {
    stopSets[l] = Object.create(null);
    STOP[l].forEach(function (w) { stopSets[l][w] = true; });
  });

  var WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;

  function isWordChar(c) { return WORD_CHAR.test(c); }

  /* Lower case, ä/ö/ü → a/o/u, ß → ss; German also ae/oe/ue → a/o/u (not after a vowel,
   * not ue after q). */
  function fold(word, lang) {
    var s = "";
    for (var c of word) {
      if (c === "ä" || c === "Ä") s += "a";
      else if (c === "ö" || c === "Ö") s += "o";
      else if (c === "ü" || c === "Ü") s += "u";
      else if (c === "ß" || c === "ẞ") s += "ss";
      else s += c.toLowerCase();
    }
    if (lang === "de" && /ae|oe|ue/.test(s)) s = foldDigraphs(s);
    return s;
  }

  function isFoldVowel(c) { return "aeiouy".indexOf(c) >= 0 && c !== ""; }

  function foldDigraphs(s) {
    var ch = Array.from(s), out = "", i = 0;
    while (i < ch.length) {
      var c = ch[i], prev = i > 0 ? ch[i - 1] : "";
      var digraph = (c === "a" || c === "o" || c === "u") && ch[i + 1] === "e" &&
        !(prev && isFoldVowel(prev)) && !(c === "u" && prev === "q");
      out += c;
      i += digraph ? 2 : 1;
    }
    return out;
  }

  /* Calls f(word) for every word and f(whole) after the parts of a hyphenated compound
   * (unless parts is false). */
  function words(text, f, compounds) {
    var ch = Array.from(text), word = "", compound = "", parts = 0;
    for (var i = 0; i <= ch.length; i++) {
      var c = i < ch.length ? ch[i] : "";
      if (c && isWordChar(c)) { word += c; continue; }
      if (!word) continue;
      f(word);
      var joined = c === "-" && i + 1 < ch.length && isWordChar(ch[i + 1]);
      if (joined || parts > 0) { compound += word; parts++; }
      if (!joined) {
        if (parts > 1 && compounds !== false) f(compound);
        compound = ""; parts = 0;
      }
      word = "";
    }
  }

  function termOfFolded(folded, lang) {
    if (Array.from(folded).length < 2 || stopSets[lang][folded]) return null;
    if (/^[0-9]+$/.test(folded)) return folded;
    return lang === "en" ? stemEn(folded) : stemDe(folded);
  }

  function term(word, lang) { return termOfFolded(fold(word, lang), lang); }

  /* ---- Snowball German stemmer ---- */

  var DE_V = "aeiouyäöü";
  function deVowel(c) { return c !== undefined && c !== "" && DE_V.indexOf(c) >= 0; }

  /* Start of the region after the first non-vowel following a vowel, from `from`. */
  function region(a, from, isV) {
    var i = from, n = a.length;
    while (i < n && !isV(a[i])) i++;
    if (i >= n) return -1;
    i++;
    while (i < n && isV(a[i])) i++;
    if (i >= n) return -1;
    return i + 1;
  }

  function longest(s, list) {
    var best = null;
    for (var k = 0; k < list.length; k++) {
      var x = list[k];
      if (s.length >= x.length && s.slice(s.length - x.length) === x &&
        (best === null || x.length > best.length)) best = x;
    }
    return best;
  }

  function stemDe(word) {
    var a = Array.from(word.replace(/ß/g, "ss"));
    for (var i = 1; i < a.length - 1; i++) {
      if (deVowel(a[i - 1]) && (a[i] === "u" || a[i] === "y") && deVowel(a[i + 1])) {
        a[i] = a[i].toUpperCase();
      }
    }
    var n = a.length, p1 = n, p2 = n;
    if (n >= 3) {
      var r1 = region(a, 0, deVowel);
      if (r1 >= 0) {
        p1 = Math.max(r1, 3);
        var r2 = region(a, r1, deVowel);
        p2 = r2 >= 0 ? r2 : n;
      }
    }
    var s = a.join("");
    var m = longest(s, ["e", "em", "en", "ern", "er", "s", "es"]);
    if (m !== null) {
      var st = s.length - m.length;
      if (st >= p1) {
        if (m === "em" || m === "ern" || m === "er") s = s.slice(0, st);
        else if (m === "e" || m === "en" || m === "es") {
          s = s.slice(0, st);
          if (/niss$/.test(s)) s = s.slice(0, -1);
        } else if (st > 0 && "bdfghklmnrt".indexOf(s[st - 1]) >= 0) s = s.slice(0, st);
      }
    }
    m = longest(s, ["en", "er", "st", "est"]);
    if (m !== null) {
      st = s.length - m.length;
      if (st >= p1) {
        if (m !== "st") s = s.slice(0, st);
        else if (st >= 4 && "bdfghklmnt".indexOf(s[st - 1]) >= 0) s = s.slice(0, st);
      }
    }
    m = longest(s, ["end", "ig", "ung", "lich", "isch", "ik", "heit", "keit"]);
    if (m !== null) {
      st = s.length - m.length;
      if (st >= p2) {
        if (m === "end" || m === "ung") {
          s = s.slice(0, st);
          if (/ig$/.test(s) && s[s.length - 3] !== "e" && s.length - 2 >= p2) s = s.slice(0, -2);
        } else if (m === "ig" || m === "ik" || m === "isch") {
          if (s[st - 1] !== "e") s = s.slice(0, st);
        } else if (m === "lich" || m === "heit") {
          s = s.slice(0, st);
          var e = longest(s, ["er", "en"]);
          if (e !== null && s.length - 2 >= p1) s = s.slice(0, -2);
        } else {
          s = s.slice(0, st);
          var k = longest(s, ["lich", "ig"]);
          if (k !== null && s.length - k.length >= p2) s = s.slice(0, s.length - k.length);
        }
      }
    }
    return s.replace(/Y/g, "y").replace(/U/g, "u").replace(/ä/g, "a").replace(/ö/g, "o")
      .replace(/ü/g, "u");
  }

  /* ---- Snowball English (Porter2) stemmer ---- */

  var EN_EXC1 = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl",
    gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky",
    news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes"
  };
  var EN_EXC2 = ["inning", "outing", "canning", "herring", "earring", "proceed", "exceed",
    "succeed"];

  function enVowel(c) { return c !== undefined && c !== "" && "aeiouy".indexOf(c) >= 0; }
  function enVowelWXY(c) { return c !== undefined && c !== "" && "aeiouywxY".indexOf(c) >= 0; }

  /* A short syllable ends at `pos` (exclusive). */
  function shortv(s, pos) {
    if (pos >= 3 && !enVowelWXY(s[pos - 1]) && enVowel(s[pos - 2]) && !enVowel(s[pos - 3])) {
      return true;
    }
    return pos === 2 && !enVowel(s[1]) && enVowel(s[0]);
  }

  function stemEn(word) {
    if (Object.prototype.hasOwnProperty.call(EN_EXC1, word)) return EN_EXC1[word];
    if (Array.from(word).length < 3) return word;
    var s = word;
    if (s[0] === "'") s = s.slice(1);
    var a = s.split("");
    if (a[0] === "y") a[0] = "Y";
    for (var i = 1; i < a.length; i++) if (a[i] === "y" && enVowel(a[i - 1])) a[i] = "Y";
    s = a.join("");
    var n = s.length, p1 = n, p2 = n;
    var pre = /^(gener|commun|arsen)/.exec(s);
    var r1 = pre ? pre[0].length : region(a, 0, enVowel);
    if (r1 >= 0) {
      p1 = r1;
      var r2 = region(a, r1, enVowel);
      p2 = r2 >= 0 ? r2 : n;
    }
    var m = longest(s, ["'", "'s'", "'s"]);
    if (m !== null) s = s.slice(0, s.length - m.length);
    m = longest(s, ["sses", "ied", "ies", "ss", "us", "s"]);
    var st;
    if (m !== null) {
      st = s.length - m.length;
      if (m === "sses") s = s.slice(0, st) + "ss";
      else if (m === "ied" || m === "ies") s = s.slice(0, st) + (st >= 2 ? "i" : "ie");
      else if (m === "s") {
        if (st >= 1 && /[aeiouy]/.test(s.slice(0, st - 1))) s = s.slice(0, st);
      }
    }
    if (EN_EXC2.indexOf(s) < 0) {
      s = enStep1b(s, p1);
      if (/[yY]$/.test(s) && s.length > 2 && !enVowel(s[s.length - 2])) {
        s = s.slice(0, -1) + "i";
      }
      s = enStep2(s, p1);
      s = enStep3(s, p1, p2);
      s = enStep4(s, p2);
      s = enStep5(s, p1, p2);
    }
    return s.replace(/Y/g, "y");
  }

  function enStep1b(s, p1) {
    var m = longest(s, ["eed", "eedly", "ed", "edly", "ing", "ingly"]);
    if (m === null) return s;
    var st = s.length - m.length;
    if (m === "eed" || m === "eedly") return st >= p1 ? s.slice(0, st) + "ee" : s;
    if (!/[aeiouy]/.test(s.slice(0, st))) return s;
    s = s.slice(0, st);
    if (/(at|bl|iz)$/.test(s)) return s + "e";
    if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(s)) return s.slice(0, -1);
    if (p1 === s.length && shortv(s, s.length)) return s + "e";
    return s;
  }

  var EN_STEP2 = {
    tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize",
    ization: "ize", ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al",
    alli: "al", fulness: "ful", ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive",
    biliti: "ble", bli: "ble", ogi: "og", fulli: "ful", lessli: "less", li: ""
  };

  function enStep2(s, p1) {
    var m = longest(s, Object.keys(EN_STEP2));
    if (m === null) return s;
    var st = s.length - m.length;
    if (st < p1) return s;
    if (m === "ogi" && s[st - 1] !== "l") return s;
    if (m === "li" && (st < 1 || "cdeghkmnrt".indexOf(s[st - 1]) < 0)) return s;
    return s.slice(0, st) + EN_STEP2[m];
  }

  var EN_STEP3 = {
    tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic",
    ful: "", ness: "", ative: ""
  };

  function enStep3(s, p1, p2) {
    var m = longest(s, Object.keys(EN_STEP3));
    if (m === null) return s;
    var st = s.length - m.length;
    if (st < p1 || (m === "ative" && st < p2)) return s;
    return s.slice(0, st) + EN_STEP3[m];
  }

  var EN_STEP4 = ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment",
    "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"];

  function enStep4(s, p2) {
    var m = longest(s, EN_STEP4);
    if (m === null) return s;
    var st = s.length - m.length;
    if (st < p2) return s;
    if (m === "ion" && !(s[st - 1] === "s" || s[st - 1] === "t")) return s;
    return s.slice(0, st);
  }

  function enStep5(s, p1, p2) {
    var st = s.length - 1;
    if (s[st] === "e") {
      if (st >= p2 || (st >= p1 && !shortv(s, st))) return s.slice(0, st);
    } else if (s[st] === "l") {
      if (st >= p2 && s[st - 1] === "l") return s.slice(0, st);
    }
    return s;
  }

  var api = { fold: fold, words: words, term: term, stemDe: stemDe, stemEn: stemEn };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  /* ---- the search page ---- */

  var PAGE = 10, PREFIX_MIN = 3, PREFIX_SHARDS = 4, PREFIX_WEIGHT = 0.6;
  var form = document.getElementById("search-form");
  if (!form) return;
  var nojs = document.getElementById("search-nojs");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var section = document.getElementById("search-results");
  var list = document.getElementById("search-list");
  var more = document.getElementById("search-more");
  var selects = { p: "search-p", m: "search-m", t: "search-t", y: "search-y", sort: "search-sort" };
  Object.keys(selects).forEach(function (k) { selects[k] = document.getElementById(selects[k]); });
  var indexUrl = new URL(form.getAttribute("data-index"), location.href);
  var meta = null, shardCache = {}, fragCache = {}, results = [], shown = 0, queryTerms = [];
  var lang = document.documentElement.lang === "en" ? "en" : "de";
  var run = 0;

  if (nojs) nojs.hidden = true;
  form.hidden = false;

  function say(text) { status.textContent = text; }

  function count(n) {
    if (n === 0) return form.getAttribute("data-none");
    if (n === 1) return form.getAttribute("data-one");
    var s = n.toLocaleString(lang === "de" ? "de-DE" : "en-GB");
    return form.getAttribute("data-many").replace("{n}", s);
  }

  function fetchJson(rel) {
    var url = new URL(rel, indexUrl);
    if (meta) url.searchParams.set("v", meta.v);
    return fetch(url.href, meta ? {} : { cache: "no-cache" }).then(function (r) {
      if (!r.ok) throw new Error(r.status + " " + url.href);
      return r.json();
    });
  }

  function loadMeta() {
    if (meta) return Promise.resolve(meta);
    return fetchJson("meta.json").then(function (m) {
      meta = m;
      lang = m.lang === "en" ? "en" : "de";
      fillSelect(selects.p, m.filters.p);
      fillSelect(selects.m, m.filters.m);
      fillSelect(selects.t, m.filters.t);
      fillSelect(selects.y, m.filters.y.map(function (y) { return [String(y), String(y)]; }));
      readUrl();
      return m;
    });
  }

  function fillSelect(sel, values) {
    values.forEach(function (v) {
      var o = document.createElement("option");
      o.value = v[0];
      o.textContent = v[1];
      sel.appendChild(o);
    });
  }

  /* The shard a term falls into. */
  function shardOf(t) {
    var lo = 0, hi = meta.shards.length - 1, at = 0;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (meta.shards[mid] <= t) { at = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return at;
  }

  function shard(i) {
    if (!shardCache[i]) shardCache[i] = fetchJson("t/" + i + ".json");
    return shardCache[i];
  }

  /* Postings of a term, or of every term it is a prefix of: [{term, docs: [[id, w]…]}]. */
  function lookup(t, prefix) {
    if (!meta.shards.length) return Promise.resolve([]);
    var first = shardOf(t), last = prefix ? shardOf(t + "\uffff") : first;
    last = Math.min(last, first + PREFIX_SHARDS - 1);
    var wanted = [];
    for (var i = first; i <= last; i++) wanted.push(shard(i));
    return Promise.all(wanted).then(function (shards) {
      var found = [];
      shards.forEach(function (sh) {
        Object.keys(sh).forEach(function (k) {
          if (k === t || (prefix && k.lastIndexOf(t, 0) === 0)) found.push({ term: k, docs: decode(sh[k]) });
        });
      });
      return found;
    });
  }

  function decode(list) {
    var out = [], d = 0;
    for (var i = 0; i + 1 < list.length; i += 2) { d += list[i]; out.push([d, list[i + 1]]); }
    return out;
  }

  function queryWords(q) {
    var out = [];
    words(q, function (w) {
      var t = term(w, lang);
      if (t && out.indexOf(t) < 0) out.push(t);
    }, false);
    return out;
  }

  /* Scores by document for one query term: the best of its exact and prefix matches. */
  function scores(t) {
    var prefix = Array.from(t).length >= PREFIX_MIN;
    return lookup(t, prefix).then(function (found) {
      var by = new Map();
      found.forEach(function (f) {
        var idf = Math.log(1 + meta.n / f.docs.length);
        var factor = f.term === t ? 1 : PREFIX_WEIGHT;
        f.docs.forEach(function (p) {
          var s = p[1] * idf * factor;
          if (!(by.get(p[0]) >= s)) by.set(p[0], s);
        });
      });
      return by;
    });
  }

  function filterSet(kind, value) {
    return lookup("~" + kind + value, false).then(function (found) {
      var set = new Set();
      found.forEach(function (f) { f.docs.forEach(function (p) { set.add(p[0]); }); });
      return set;
    });
  }

  function search() {
    var mine = ++run;
    var q = input.value.trim();
    queryTerms = queryWords(q);
    var filters = ["p", "m", "t", "y"].filter(function (k) { return selects[k].value; });
    if (!queryTerms.length && !filters.length) {
      results = []; list.textContent = ""; section.hidden = true; more.hidden = true;
      say(q ? count(0) : "");
      return Promise.resolve();
    }
    say(form.getAttribute("data-loading"));
    return loadMeta().then(function () {
      return Promise.all([
        Promise.all(queryTerms.map(scores)),
        Promise.all(filters.map(function (k) { return filterSet(k, selects[k].value); }))
      ]);
    }).then(function (got) {
      if (mine !== run) return;
      var per = got[0], sets = got[1], total = new Map();
      if (per.length) {
        per[0].forEach(function (s, d) { total.set(d, s); });
        for (var i = 1; i < per.length; i++) {
          total.forEach(function (s, d) {
            if (per[i].has(d)) total.set(d, s + per[i].get(d)); else total.delete(d);
          });
        }
      } else {
        sets[0].forEach(function (d) { total.set(d, 0); });
      }
      sets.forEach(function (set) { total.forEach(function (_, d) { if (!set.has(d)) total.delete(d); }); });
      var byDate = selects.sort.value === "date";
      results = Array.from(total.entries()).sort(function (a, b) {
        return byDate ? a[0] - b[0] : (b[1] - a[1]) || (a[0] - b[0]);
      }).map(function (e) { return e[0]; });
      list.textContent = "";
      shown = 0;
      section.hidden = results.length === 0;
      return showMore(false).then(function () { if (mine === run) say(count(results.length)); });
    }).catch(function () {
      if (mine === run) say(form.getAttribute("data-error"));
    });
  }

  function fragment(id) {
    var g = Math.floor(id / meta.g);
    if (!fragCache[g]) fragCache[g] = fetchJson("d/" + g + ".json");
    return fragCache[g].then(function (docs) { return docs[id - g * meta.g]; });
  }

  function showMore(focus) {
    var ids = results.slice(shown, shown + PAGE);
    var mine = run;
    return Promise.all(ids.map(fragment)).then(function (docs) {
      if (mine !== run) return;
      var firstLink = null;
      docs.forEach(function (doc) {
        if (!doc) return;
        var li = render(doc);
        list.appendChild(li);
        firstLink = firstLink || li.querySelector("a");
      });
      shown += ids.length;
      more.hidden = shown >= results.length;
      if (focus && firstLink) firstLink.focus();
    });
  }

  function el(name, cls, text) {
    var e = document.createElement(name);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function render(doc) {
    var li = el("li"), art = el("article", "card");
    if (doc[3]) art.appendChild(el("p", "kicker", doc[3]));
    var h = el("h3", "card__title"), a = el("a");
    a.href = doc[1];
    marked(doc[0], a);
    h.appendChild(a);
    art.appendChild(h);
    art.appendChild(el("p", "card__meta", doc[2]));
    art.appendChild(snippet(doc[4]));
    li.appendChild(art);
    return li;
  }

  function hit(w) {
    var t = term(w, lang);
    if (!t) return false;
    return queryTerms.some(function (q) {
      return t === q || (Array.from(q).length >= PREFIX_MIN && t.lastIndexOf(q, 0) === 0);
    });
  }

  /* Appends `text` to `into` with every hit marked. */
  function marked(text, into) {
    text.split(/(\s+)/).forEach(function (tok) {
      var isHit = false;
      if (tok.trim()) words(tok, function (w) { if (hit(w)) isHit = true; }, false);
      into.appendChild(isHit ? el("mark", null, tok) : document.createTextNode(tok));
    });
  }

  /* The text around the first hit, with every hit marked. */
  function snippet(text) {
    var p = el("p", "card__summary");
    var tokens = text.split(/(\s+)/), first = -1, marks = [];
    for (var i = 0; i < tokens.length; i++) {
      var isHit = false;
      if (tokens[i].trim()) {
        words(tokens[i], function (w) { if (hit(w)) isHit = true; }, false);
      }
      marks.push(isHit);
      if (isHit && first < 0) first = i;
    }
    var from = first > 20 ? first - 16 : 0, to = Math.min(tokens.length, from + 70);
    if (from > 0) p.appendChild(document.createTextNode("… "));
    for (var k = from; k < to; k++) {
      if (marks[k]) p.appendChild(el("mark", null, tokens[k]));
      else p.appendChild(document.createTextNode(tokens[k]));
    }
    if (to < tokens.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  function params() {
    var ps = new URLSearchParams();
    if (input.value.trim()) ps.set("q", input.value.trim());
    Object.keys(selects).forEach(function (k) { if (selects[k].value) ps.set(k, selects[k].value); });
    return ps.toString();
  }

  function readUrl() {
    var ps = new URLSearchParams(location.search);
    input.value = ps.get("q") || "";
    Object.keys(selects).forEach(function (k) {
      var v = ps.get(k) || "", sel = selects[k];
      sel.value = v;
      if (sel.value !== v) sel.value = "";
    });
  }

  function update() {
    var qs = params();
    if (("?" + qs) !== location.search && !(qs === "" && location.search === "")) {
      history.pushState(null, "", qs ? "?" + qs : location.pathname);
    }
    return search();
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
  Object.keys(selects).forEach(function (k) {
    selects[k].addEventListener("change", function () { update(); });
  });
  more.addEventListener("click", function () { showMore(true); });
  window.addEventListener("popstate", function () {
    (meta ? Promise.resolve() : loadMeta()).then(function () { readUrl(); search(); });
  });
  readUrl();
  if (location.search) {
    loadMeta().then(search).catch(function () { say(form.getAttribute("data-error")); });
  }
})();
