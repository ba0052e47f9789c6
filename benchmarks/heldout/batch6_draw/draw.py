"""Random passage draw for batch6. Seed 6161."""
import re, random, json
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch6.jsonl, translated6.jsonl
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
FILES = [  # (short doc name, file, quota)
    ("standards", "international-standards-treatment-drug-use-disorders.txt", 29),
    ("coercion", "from-coercion-to-cohesion.txt", 9),
    ("training", "policymakers-training-package.md", 4),
    ("resolution", "cnd-resolution-59-4.md", 3),
    ("recovery", "recovery-programme.txt", 3),
]
rng = random.Random(6161)
out = []
for doc, fn, quota in FILES:
    text = open(CORPUS + fn, encoding="utf-8").read()
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.split()) >= 25]
    order = list(range(len(paras)))
    rng.shuffle(order)  # sequential draw order; skipped passages are replaced by the next in this order
    for rank, i in enumerate(order):
        out.append({"doc": doc, "file": fn, "rank": rank, "para_index": i, "quota": quota,
                    "text": paras[i]})
with open(HERE / "draw_order.jsonl", "w", encoding="utf-8") as f:
    for o in out:
        f.write(json.dumps(o, ensure_ascii=False) + "\n")
