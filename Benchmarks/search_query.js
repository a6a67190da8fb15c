// Runs perfsite's own search client (Themes/default/assets/search.js) in Node against a built
// Public/ folder, counting the bytes of every file a query fetches, as a browser would.
//   node search_query.js PUBLIC_DIR QUERIES_JSON  → one JSON line per query
"use strict";
const fs = require("fs");
const path = require("path");
const search = require(path.join(__dirname, "..", "Themes", "default", "assets", "search.js"));
const [publicDir, queriesFile] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));

function engine() {
  const fetched = new Map();
  const e = new search.Engine(function (file) {
    const full = path.join(publicDir, file);
    const text = fs.readFileSync(full, "utf8");
    fetched.set(file, Buffer.byteLength(text));
    return Promise.resolve(JSON.parse(text));
  });
  return { e, fetched };
}
function bytes(fetched, except) {
  let total = 0;
  for (const [file, size] of fetched) if (!except || !except.has(file)) total += size;
  return total;
}

(async function () {
  for (const query of queries) {
    // What the search page downloads to show its first 20 results.
    const first = engine();
    const page = await first.e.search(query, null, 20);
    // Every result, for recall.
    const all = engine();
    const everything = await all.e.search(query, null, Infinity);
    process.stdout.write(JSON.stringify({
      query,
      firstPageBytes: bytes(first.fetched),
      firstPageFiles: first.fetched.size,
      shown: page.results.length,
      results: everything.results.map((r) => [r.card.d, r.card.k, r.card.u]),
    }) + "\n");
  }
})();
