// Full-text search over window.SKG_INDEX (assets/search-index.js), in the browser,
// from file:// with no server: every word typed must start a word of the entry;
// words in the title count three times those in the text; the words together as a
// phrase count double, and a page of its own (a standard, a recommendation) comes
// before a passage of the full text that scores the same.
(function () {
  const entries = (window.SKG_INDEX || []).map((e) => ({
    e, title: " " + norm(e.t) + " ", text: " " + norm(e.x) + " " }));
  const box = document.getElementById("q"), list = document.getElementById("results"),
        count = document.getElementById("count");
  function norm(s) { return (s || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
                                     .replace(/[^a-z0-9]+/g, " "); }
  function hits(hay, term) { let n = 0, i = hay.indexOf(" " + term);
    while (i >= 0) { n++; i = hay.indexOf(" " + term, i + 1); } return n; }
  function snippet(text, terms) {
    const low = text.toLowerCase(); let at = -1;
    for (const t of terms) { at = low.indexOf(t); if (at >= 0) break; }
    const start = Math.max(0, at - 60);
    return (start > 0 ? "…" : "") + text.slice(start, start + 220) + (text.length > start + 220 ? "…" : "");
  }
  function run(query) {
    const terms = norm(query).split(" ").filter((t) => t.length > 0);
    list.innerHTML = "";
    if (!terms.length) { count.textContent = ""; return; }
    const found = [];
    for (const x of entries) {
      let score = 0, all = true;
      for (const t of terms) { const s = 3 * hits(x.title, t) + hits(x.text, t); if (!s) { all = false; break; } score += s; }
      if (!all) continue;
      const phrase = " " + terms.join(" ");
      if (terms.length > 1 && (x.title.includes(phrase) || x.text.includes(phrase))) score *= 2;
      if (x.e.k !== "Passage") score *= 2;
      found.push([score, x.e]);
    }
    found.sort((a, b) => b[0] - a[0] || a[1].t.localeCompare(b[1].t));
    count.textContent = found.length + " result" + (found.length === 1 ? "" : "s");
    for (const [, e] of found.slice(0, 60)) {
      const li = document.createElement("li"), a = document.createElement("a"), k = document.createElement("span"),
            sn = document.createElement("span");
      a.href = e.u; a.textContent = e.t; k.className = "kind"; k.textContent = " " + e.k;
      sn.className = "snippet"; sn.textContent = snippet(e.x || "", terms);
      li.append(a, k, sn); list.append(li);
    }
  }
  box.addEventListener("input", () => run(box.value));
  // A link to a closed list (#Standard) opens it.
  function openTarget() { const d = document.getElementById(location.hash.slice(1));
    if (d && d.tagName === "DETAILS") d.open = true; }
  window.addEventListener("hashchange", openTarget);
  openTarget();
  const q = new URLSearchParams(location.search).get("q");
  if (q) { box.value = q; run(q); }
})();
