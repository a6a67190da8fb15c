// perfsite search: a dependency-free client for the site's static search index (docs/search-index.md).
// The tokenizer below must match SearchTokenizer.swift rule for rule; a test runs both on the same texts.
(function (global) {
  "use strict";

  // ---- Tokenizer ---------------------------------------------------------------------------
  function fold(cp) {
    if (cp >= 0xff01 && cp <= 0xff5e) return fold(cp - 0xfee0);
    if (cp === 0x3000) return 0x20;
    if (cp >= 0x41 && cp <= 0x5a) return cp + 0x20;
    return cp;
  }
  function isDigit(cp) { return cp >= 0x30 && cp <= 0x39; }
  function isWord(cp) { return isDigit(cp) || (cp >= 0x61 && cp <= 0x7a); }
  function isHan(cp) {
    return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0x20000 && cp <= 0x2ffff) || (cp >= 0x30000 && cp <= 0x3134f);
  }
  function codePoints(text) {
    var points = [];
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        var d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { points.push((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000); i++; continue; }
      }
      points.push(c);
    }
    return points;
  }
  function normalizedPoints(text) {
    var raw = codePoints(text), out = [];
    for (var i = 0; i < raw.length; i++) {
      var cp = fold(raw[i]);
      if (cp === 0x2c && i > 0 && i + 1 < raw.length && isDigit(fold(raw[i - 1])) && isDigit(fold(raw[i + 1]))) continue;
      out.push(cp);
    }
    return out;
  }
  function normalize(text) { return String.fromCodePoint.apply(null, normalizedPoints(text)); }
  function scan(text, emit) {
    var s = normalizedPoints(text), i = 0, end;
    while (i < s.length) {
      if (isHan(s[i])) {
        end = i;
        while (end < s.length && isHan(s[end])) end++;
        emit(s.slice(i, end), true);
        i = end;
      } else if (isWord(s[i])) {
        end = i;
        while (end < s.length) {
          if (isWord(s[end])) end++;
          else if (s[end] === 0x2e && end > i && isDigit(s[end - 1]) && end + 1 < s.length && isDigit(s[end + 1])) end++;
          else break;
        }
        emit(s.slice(i, end), false);
        i = end;
      } else {
        i++;
      }
    }
  }
  function str(points) { return String.fromCodePoint.apply(null, points); }
  function documentTerms(text) {
    var terms = [];
    scan(text, function (run, han) {
      if (han) {
        for (var i = 0; i < run.length; i++) {
          terms.push(str([run[i]]));
          if (i + 1 < run.length) terms.push(str([run[i], run[i + 1]]));
        }
      } else {
        terms.push(str(run));
      }
    });
    return terms;
  }
  function queryTerms(text) {
    var terms = [], seen = {};
    scan(text, function (run, han) {
      if (han && run.length > 1) {
        for (var i = 0; i + 1 < run.length; i++) terms.push(str([run[i], run[i + 1]]));
      } else {
        terms.push(str(run));
      }
    });
    return terms.filter(function (t) { if (seen[t]) return false; seen[t] = true; return true; });
  }
  function fnv1a(text) {
    var bytes = unescape(encodeURIComponent(text)), hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      hash ^= bytes.charCodeAt(i);
      hash = Math.imul(hash, 16777619) >>> 0;
    }
    return hash >>> 0;
  }

  // ---- Engine ------------------------------------------------------------------------------
  // fetchJSON(path) → Promise of the parsed file at a path relative to the site root.
  function Engine(fetchJSON) {
    this.fetchJSON = fetchJSON;
    this.cache = {};
  }
  // Every file but index.json is fetched as path?v=<build>: the build digest changes whenever any
  // index file does, so servers may cache them for a year (docs/deploy.md) and a new build is
  // still never mixed with an old one.
  Engine.prototype.load = function (path) {
    var self = this;
    if (!this.cache[path]) {
      this.cache[path] = path === "search/index.json" ? this.fetchJSON(path) : this.meta().then(function (meta) {
        return self.fetchJSON(meta.build ? path + "?v=" + meta.build : path);
      });
    }
    return this.cache[path];
  };
  Engine.prototype.meta = function () { return this.load("search/index.json"); };
  Engine.prototype.entry = function (term) {
    var self = this;
    return this.meta().then(function (meta) {
      return self.load("search/shards/" + (fnv1a(term) % meta.shards) + ".json").then(function (shard) {
        return Object.prototype.hasOwnProperty.call(shard, term) ? shard[term] : null;
      });
    });
  };
  function undelta(deltas) {
    var ids = new Array(deltas.length), previous = 0;
    for (var i = 0; i < deltas.length; i++) { previous += deltas[i]; ids[i] = previous; }
    return ids;
  }
  // Whether a posting list holds each of `ids` (sorted), fetching only the pages that could.
  Engine.prototype.filter = function (list, ids) {
    if (!list) return Promise.resolve([]);
    if (list.d) {
      var set = {};
      undelta(list.d).forEach(function (id) { set[id] = true; });
      return Promise.resolve(ids.filter(function (id) { return set[id]; }));
    }
    var self = this, byPage = {};
    ids.forEach(function (id) {
      var lo = 0, hi = list.f.length - 1;
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (list.f[mid] <= id) lo = mid; else hi = mid - 1; }
      if (list.f[lo] <= id) (byPage[lo] = byPage[lo] || []).push(id);
    });
    var pages = Object.keys(byPage);
    return Promise.all(pages.map(function (p) { return self.load("search/lists/" + list.l + "-" + p + ".json"); }))
      .then(function (loaded) {
        var kept = {};
        loaded.forEach(function (deltas, index) {
          var set = {};
          undelta(deltas).forEach(function (id) { set[id] = true; });
          byPage[pages[index]].forEach(function (id) { if (set[id]) kept[id] = true; });
        });
        return ids.filter(function (id) { return kept[id]; });
      });
  };
  // The pages of a posting list, as functions that fetch one page each.
  Engine.prototype.pages = function (list) {
    var self = this;
    if (list.d) return [function () { return Promise.resolve(undelta(list.d)); }];
    return list.f.map(function (_, p) {
      return function () { return self.load("search/lists/" + list.l + "-" + p + ".json").then(undelta); };
    });
  };
  // The candidates of a query, a page at a time: documents with every term in the title first,
  // then the others with every term anywhere. The rarest list is read page by page and the other
  // lists only where it points, so the first results cost a few small files however common the
  // words. Every document that contains the query is among the candidates; with several terms a
  // few may hold the terms apart, which match() removes.
  Engine.prototype.stream = function (query) {
    var self = this, terms = queryTerms(query);
    var phases = [], phase = 0, page = 0, seen = {}, total = null;
    var ready = Promise.all(terms.map(function (t) { return self.entry(t); })).then(function (entries) {
      if (!terms.length || entries.some(function (e) { return !e; })) { total = 0; return; }
      ["t", "b"].forEach(function (kind) {
        var lists = entries.map(function (e) { return e[kind]; });
        if (lists.some(function (l) { return !l; })) return;
        lists.sort(function (a, b) { return a.n - b.n; });
        phases.push({ kind: kind, pages: self.pages(lists[0]), others: lists.slice(1) });
      });
      // One term: its list is exactly the answer, so the count is known at once.
      if (terms.length === 1) total = entries[0].b.n;
    });
    function next() {
      return ready.then(function () {
        if (phase >= phases.length) return null;
        var current = phases[phase];
        if (page >= current.pages.length) { phase++; page = 0; return next(); }
        return current.pages[page++]().then(function (ids) {
          if (current.kind === "b") ids = ids.filter(function (id) { return !seen[id]; });
          return current.others.reduce(function (promise, list) {
            return promise.then(function (kept) { return kept.length ? self.filter(list, kept) : kept; });
          }, Promise.resolve(ids));
        }).then(function (ids) {
          if (current.kind === "t") ids.forEach(function (id) { seen[id] = true; });
          return ids;
        });
      });
    }
    return { next: next, total: function () { return total; } };
  };
  Engine.prototype.cards = function (ids) {
    var self = this;
    return this.meta().then(function (meta) {
      var per = meta.cardsPerChunk;
      return Promise.all(ids.map(function (id) {
        return self.load("search/cards/" + Math.floor(id / per) + ".json").then(function (chunk) { return chunk[id % per]; });
      }));
    });
  };
  // Where the query occurs in a card: the title, or the first field that holds it.
  function match(card, query) {
    var q = normalize(query).trim().replace(/\s+/g, " ");
    var words = q.split(" ").filter(Boolean);
    function holds(text) {
      var n = normalize(text);
      return words.every(function (w) { return n.indexOf(w) >= 0; });
    }
    if (holds(card.t)) return { field: null, exact: normalize(card.t) === q };
    for (var i = 0; i < card.f.length; i++) if (holds(card.f[i][1])) return { field: i, exact: false };
    return null;
  }
  // Pages through the candidates, keeping the documents that really contain the query.
  // → Promise of {state, results: [{id, card, match}], done, total (known count, or null)}
  Engine.prototype.search = function (query, state, want) {
    var self = this;
    state = state || { query: query, stream: this.stream(query), pending: [], done: false, results: [] };
    function step() {
      var finished = state.done && !state.pending.length;
      if (state.results.length >= want || finished) {
        return Promise.resolve({
          state: state, results: state.results, done: finished,
          total: finished ? state.results.length : state.stream.total()
        });
      }
      if (!state.pending.length) {
        return state.stream.next().then(function (ids) {
          if (ids === null) state.done = true;
          else state.pending = state.pending.concat(ids);
          return step();
        });
      }
      var batch = state.pending.splice(0, Math.max(Math.min(want - state.results.length, 20), 1));
      return self.cards(batch).then(function (cards) {
        cards.forEach(function (card, i) {
          var m = card && match(card, query);
          if (m) state.results.push({ id: batch[i], card: card, match: m });
        });
        return step();
      });
    }
    return step();
  };

  var api = { normalize: normalize, documentTerms: documentTerms, queryTerms: queryTerms, fnv1a: fnv1a, Engine: Engine, match: match };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; return; }
  global.perfsiteSearch = api;

  // ---- The search page ---------------------------------------------------------------------
  var PAGE = 20;
  var KIND = { d: "部门", p: "任务" };
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  // The snippet around the first occurrence, with every occurrence of the query's words marked.
  function highlighted(text, query, limit) {
    var words = normalize(query).trim().split(/\s+/).filter(Boolean);
    var norm = normalize(text);
    var start = 0;
    var first = norm.indexOf(words[0] || "");
    if (first > 40) start = first - 30;
    var slice = Array.from(text).slice(start, start + limit).join("");
    var fragment = document.createDocumentFragment();
    if (start > 0) fragment.appendChild(document.createTextNode("…"));
    var normSlice = normalize(slice), i = 0;
    while (i < slice.length) {
      var hit = -1, length = 0;
      words.forEach(function (w) {
        var at = normSlice.indexOf(w, i);
        if (at >= 0 && (hit < 0 || at < hit)) { hit = at; length = w.length; }
      });
      if (hit < 0 || normSlice.length !== slice.length) {
        fragment.appendChild(document.createTextNode(slice.slice(i)));
        break;
      }
      if (hit > i) fragment.appendChild(document.createTextNode(slice.slice(i, hit)));
      fragment.appendChild(el("mark", null, slice.slice(hit, hit + length)));
      i = hit + length;
    }
    if (Array.from(text).length > start + limit) fragment.appendChild(document.createTextNode("…"));
    return fragment;
  }

  function SearchPage(app) {
    this.app = app;
    this.root = app.getAttribute("data-root") || "";
    this.form = app.querySelector("form");
    this.input = app.querySelector("input[name=q]");
    this.year = app.querySelector("select[name=year]");
    this.department = app.querySelector("select[name=department]");
    this.status = app.querySelector("[role=status]");
    this.list = app.querySelector("ol.results");
    this.more = app.querySelector("button.more");
    this.baseTitle = document.title;
    var root = this.root;
    this.engine = new Engine(function (path) {
      return fetch(root + path).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.json();
      });
    });
    var self = this;
    this.form.addEventListener("submit", function (event) {
      event.preventDefault();
      self.navigate();
    });
    [this.year, this.department].forEach(function (select) {
      select.addEventListener("change", function () { self.navigate(); });
    });
    this.more.addEventListener("click", function () { self.showMore(); });
    global.addEventListener("popstate", function () { self.fromLocation(); });
    this.fromLocation();
  }
  SearchPage.prototype.navigate = function () {
    var params = new URLSearchParams();
    var q = this.input.value.trim();
    if (q) params.set("q", q);
    if (this.year.value) params.set("year", this.year.value);
    if (this.department.value) params.set("department", this.department.value);
    var url = "?" + params.toString();
    if (url !== global.location.search) global.history.pushState(null, "", url);
    this.fromLocation();
  };
  SearchPage.prototype.fromLocation = function () {
    var params = new URLSearchParams(global.location.search);
    this.input.value = params.get("q") || "";
    this.filters = { year: params.get("year") || "", department: params.get("department") || "" };
    this.run(this.input.value.trim());
  };
  SearchPage.prototype.run = function (query) {
    var token = {};
    this.token = token;
    this.list.textContent = "";
    this.more.hidden = true;
    this.state = null;
    this.wanted = PAGE;
    document.title = (query ? query + " - " : "") + this.baseTitle;
    if (!query) { this.status.textContent = "请输入要查找的部门、任务、指标或金额。"; return; }
    if (!queryTerms(query).length) { this.status.textContent = "请输入汉字、字母或数字。"; return; }
    this.status.textContent = "正在搜索……";
    this.fetch(query, token);
  };
  // Fetches cards until `wanted` results pass the filters or every candidate has been checked.
  SearchPage.prototype.fetch = function (query, token) {
    var self = this, filtering = this.filters.year || this.filters.department;
    return this.engine.search(query, this.state, filtering ? Infinity : this.wanted).then(function (found) {
      if (self.token !== token) return;
      self.state = found.state;
      self.done = found.done;
      self.total = found.total;
      self.render(query);
    }).catch(function (error) {
      if (self.token !== token) return;
      self.status.textContent = "搜索索引加载失败,请稍后再试。";
      if (global.console) global.console.warn(error);
    });
  };
  SearchPage.prototype.filtered = function () {
    var f = this.filters;
    var results = this.state.results.filter(function (r) {
      return (!f.year || String(r.card.y) === f.year) && (!f.department || r.card.d === f.department);
    });
    // Exact title matches first, then title matches, then the rest, each in index order.
    return results.map(function (r, i) { return [r.match.exact ? 0 : r.match.field === null ? 1 : 2, i, r]; })
      .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; }).map(function (x) { return x[2]; });
  };
  SearchPage.prototype.render = function (query) {
    var self = this, results = this.filtered();
    this.facets();
    this.list.textContent = "";
    results.slice(0, this.wanted).forEach(function (result) { self.list.appendChild(self.item(result, query)); });
    if (!results.length && this.done) this.status.textContent = "没有找到包含“" + query + "”的内容。请换一个词,或减少字数再试。";
    else if (this.done) this.status.textContent = "找到 " + results.length + " 条结果。";
    else if (this.total !== null && !(this.filters.year || this.filters.department)) this.status.textContent = "找到 " + this.total + " 条结果。";
    else this.status.textContent = "已找到 " + results.length + " 条结果,还有更多。";
    this.more.hidden = this.done && results.length <= this.wanted;
  };
  SearchPage.prototype.showMore = function () {
    this.wanted += PAGE;
    this.fetch(this.state.query, this.token);
  };
  SearchPage.prototype.item = function (result, query) {
    var card = result.card, li = el("li", "result");
    var heading = el("h2");
    heading.appendChild(el("span", "kind", result.match.field !== null && card.k === "p" && card.f[result.match.field][0] === "绩效指标" ? "指标" :
      result.match.field !== null && card.k === "d" && card.f[result.match.field][0] === "年度整体绩效目标" ? "目标" : KIND[card.k]));
    var link = el("a");
    link.href = this.root + card.u;
    link.appendChild(highlighted(card.t, query, 80));
    heading.appendChild(link);
    li.appendChild(heading);
    li.appendChild(el("p", "where", card.y + "年 · " + card.d));
    if (result.match.field !== null) {
      var snippet = el("p", "snippet");
      snippet.appendChild(el("span", "label", card.f[result.match.field][0] + ":"));
      snippet.appendChild(highlighted(card.f[result.match.field][1], query, 120));
      li.appendChild(snippet);
    }
    return li;
  };
  // Year and department filters offer what the results hold: no site-wide list is downloaded.
  SearchPage.prototype.facets = function () {
    var years = {}, departments = {};
    this.state.results.forEach(function (r) { years[r.card.y] = true; departments[r.card.d] = true; });
    fill(this.year, Object.keys(years).sort().reverse(), this.filters.year, "全部年度");
    fill(this.department, Object.keys(departments).sort(), this.filters.department, "全部部门");
    function fill(select, values, current, all) {
      select.textContent = "";
      var none = el("option", null, all);
      none.value = "";
      select.appendChild(none);
      if (current && values.indexOf(current) < 0) values.push(current);
      values.forEach(function (v) {
        var option = el("option", null, v);
        option.value = v;
        option.selected = v === current;
        select.appendChild(option);
      });
    }
  };

  document.addEventListener("DOMContentLoaded", function () {
    var app = document.getElementById("search-app");
    if (app) new SearchPage(app);
  });
})(typeof window !== "undefined" ? window : this);
