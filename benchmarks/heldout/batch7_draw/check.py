"""Checks batch7.jsonl and translated7.jsonl (same tests as ../batch6_draw/check.py, plus a few more)."""
import json, re, collections
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch7.jsonl, translated7.jsonl
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
FILES = {"standards": "international-standards-treatment-drug-use-disorders.txt", "coercion": "from-coercion-to-cohesion.txt",
         "training": "policymakers-training-package.md", "recovery": "recovery-programme.txt", "resolution": "cnd-resolution-59-4.md"}
LANGS = ["es", "fr", "ru", "ar", "zh", "pt"]
SCRIPT = {"ru": r"[\u0400-\u04FF]", "ar": r"[\u0600-\u06FF]", "zh": r"[\u4E00-\u9FFF]"}
# key nouns of the out-of-scope questions: each must be absent from every corpus file (case-insensitive)
OOS_TERMS = ["kratom", "nitrous", "laughing gas", "psilocybin", "psychedelic", "khat", "East Africa", "transcranial", "magnetic",
             "Thailand", "yaba", "captagon", "Middle East", "sniffer", "dog", "smartphone", "mobile app", "Canada", "legalis",
             "legaliz", "vaping", "e-cigarette", "EMDR", "eye movement"]
norm = lambda s: re.sub(r"\s+", " ", s).strip()
raw = {k: open(CORPUS + v, encoding="utf-8").read() for k, v in FILES.items()}
texts = {k: norm(v) for k, v in raw.items()}
bad = 0
def fail(*a):
    global bad; bad += 1; print("FAIL", *a)

passages = {}
for l in open(HERE / "selected_passages.jsonl", encoding="utf-8"):
    p = json.loads(l); passages[p["id"]] = p
    if norm(p["text"]) not in texts[p["doc"]]: fail("passage not in corpus", p["id"])
src = {}; allids = set()
for fn in ["batch7.jsonl", "translated7.jsonl"]:
    lines = open(SETS / fn, encoding="utf-8").read().splitlines()
    kinds = collections.Counter(); langs = collections.Counter(); per_src = collections.defaultdict(list)
    for ln, l in enumerate(lines, 1):
        try: o = json.loads(l)
        except json.JSONDecodeError as e: fail(fn, ln, "bad JSON", e); continue
        if o["id"] in allids: fail("duplicate id", o["id"])
        allids.add(o["id"])
        kinds[o["kind"]] += 1
        if not o["question"].strip(): fail("empty question", o["id"])
        if o["kind"] == "out_of_scope":
            if o["doc"] is not None or o["gold_any"] != []: fail("oos must have doc null and gold_any []", o["id"])
        elif not 1 <= len(o["gold_any"]) <= 3: fail("gold_any must have 1-3 phrases", o["id"])
        if fn == "batch7.jsonl":
            src[o["id"]] = o
            if o["kind"] != "out_of_scope":
                if o["id"] not in passages: fail("no selected passage", o["id"])
                elif passages[o["id"]]["doc"] != o["doc"]: fail("doc differs from passage", o["id"])
        else:
            s = src.get(o["source_id"])
            if s is None: fail("unknown source_id", o["id"]); continue
            if not (s["gold_any"] == o["gold_any"] and s["doc"] == o["doc"] and s["kind"] == o["kind"]): fail("differs from source", o["id"])
            if o["lang"] not in LANGS: fail("bad lang", o["id"])
            if o["lang"] in SCRIPT and not re.search(SCRIPT[o["lang"]], o["question"]): fail("wrong script", o["id"])
            if o["question"] == s["question"]: fail("not translated", o["id"])
            langs[(o["lang"], o["kind"] == "out_of_scope")] += 1
            per_src[o["source_id"]].append(o["lang"])
        for g in o["gold_any"]:
            wc = len(g.split())
            if norm(g) not in texts[o["doc"]]: fail("NOT FOUND in corpus", o["id"], repr(g))
            elif fn == "batch7.jsonl" and norm(g) not in norm(passages[o["id"]]["text"]): fail("not in its passage", o["id"], repr(g))
            if not 5 <= wc <= 15: fail("length", wc, o["id"], g)
    print(fn, len(lines), "lines valid JSON;", dict(kinds))
    if fn == "batch7.jsonl":
        assert kinds == {"normative": 18, "fact": 18, "out_of_scope": 12}, kinds
    else:
        for lang in LANGS:
            if langs[(lang, False)] != 18 or langs[(lang, True)] != 4: fail("lang count", lang, langs[(lang, False)], langs[(lang, True)])
        print("per language (in-scope, out-of-scope):", {l: (langs[(l, False)], langs[(l, True)]) for l in LANGS})
        for sid, s in src.items():
            want = 2 if s["kind"] == "out_of_scope" else 3
            if len(per_src[sid]) != want or len(set(per_src[sid])) != want: fail("translations per source", sid, per_src[sid])
for t in OOS_TERMS:
    for k, v in raw.items():
        if t.lower() in v.lower(): fail("out-of-scope term found in corpus", t, k)
print("out-of-scope terms checked absent:", len(OOS_TERMS))
print("failures:", bad)
