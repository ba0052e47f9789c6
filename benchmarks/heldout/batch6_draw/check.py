import json, re, sys
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch6.jsonl, translated6.jsonl
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
FILES = {"standards": "international-standards-treatment-drug-use-disorders.txt", "coercion": "from-coercion-to-cohesion.txt",
         "training": "policymakers-training-package.md", "recovery": "recovery-programme.txt", "resolution": "cnd-resolution-59-4.md"}
norm = lambda s: re.sub(r"\s+", " ", s).strip()
texts = {k: norm(open(CORPUS + v, encoding="utf-8").read()) for k, v in FILES.items()}
src = {}
bad = 0
for fn in ["batch6.jsonl", "translated6.jsonl"]:
    try: lines = open(SETS / fn, encoding="utf-8").read().splitlines()
    except FileNotFoundError: print(fn, "missing"); continue
    ids = set(); n = 0; kinds = {}
    for ln, l in enumerate(lines, 1):
        o = json.loads(l); n += 1
        assert o["id"] not in ids, o["id"]; ids.add(o["id"])
        kinds[o["kind"]] = kinds.get(o["kind"], 0) + 1
        if fn == "batch6.jsonl": src[o["id"]] = o
        else:
            s = src[o["source_id"]]; assert s["gold_any"] == o["gold_any"] and s["doc"] == o["doc"] and s["kind"] == o["kind"], o["id"]
        for g in o["gold_any"]:
            wc = len(g.split())
            if norm(g) not in texts[o["doc"]]:
                bad += 1; print("NOT FOUND", o["id"], repr(g))
            if not 5 <= wc <= 15: print("length", wc, o["id"], g)
    print(fn, n, "lines valid JSON;", kinds)
print("gold phrases not found:", bad)
