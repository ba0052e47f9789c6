"""The random passage draw of blind batches 7 and 8 (the method of ../batch6_draw/draw.py): every
paragraph of every corpus file in a shuffled draw order, with its quota; each batch's draw.py calls
`draw(seed, folder)`."""
import re, random, json
from pathlib import Path
CORPUS = str(Path(__file__).resolve().parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
FILES = [  # (short doc name, file, quota) -- quota arithmetic in README.md and quotas() below
    ("standards", "international-standards-treatment-drug-use-disorders.txt", 22),
    ("coercion", "from-coercion-to-cohesion.txt", 7),
    ("training", "policymakers-training-package.md", 3),
    ("resolution", "cnd-resolution-59-4.md", 2),
    ("recovery", "recovery-programme.txt", 2),
]

def quotas(total=36, share=0.6, minimum=2):
    """Recompute the quotas: round(0.6*total) to standards, the rest by word count, min 2 each,
    excess above the minimum shared by largest remainder among files whose share exceeds it."""
    wc = {d: len(open(CORPUS + f, encoding="utf-8").read().split()) for d, f, _ in FILES}
    q = {"standards": round(share * total)}
    rest = total - q["standards"]
    comp = [d for d, _, _ in FILES[1:]]
    tot = sum(wc[d] for d in comp)
    prop = {d: rest * wc[d] / tot for d in comp}
    for d in comp: q[d] = minimum
    left = rest - minimum * len(comp)
    excess = {d: max(0.0, prop[d] - minimum) for d in comp}
    ex_tot = sum(excess.values())
    raw = {d: left * excess[d] / ex_tot for d in comp}
    for d in comp: q[d] += int(raw[d])
    for d in sorted(comp, key=lambda d: -(raw[d] - int(raw[d])))[: left - sum(int(raw[d]) for d in comp)]:
        q[d] += 1
    return wc, prop, raw, q

def draw(seed: int, folder: Path) -> None:
    """Write folder/draw_order.jsonl for this seed, after checking the quotas."""
    wc, prop, raw, q = quotas()
    print("words", wc); print("proportional", {k: round(v, 2) for k, v in prop.items()})
    print("excess shares", {k: round(v, 2) for k, v in raw.items()}); print("quotas", q)
    assert all(q[d] == quota for d, _, quota in FILES), "quota mismatch"
    rng = random.Random(seed)
    out = []
    for doc, fn, quota in FILES:
        text = open(CORPUS + fn, encoding="utf-8").read()
        paras = [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.split()) >= 25]
        print(doc, len(paras), "paragraphs >= 25 words")
        order = list(range(len(paras)))
        rng.shuffle(order)  # sequential draw order; skipped passages are replaced by the next in this order
        for rank, i in enumerate(order):
            out.append({"doc": doc, "file": fn, "rank": rank, "para_index": i, "quota": quota,
                        "text": paras[i]})
    with open(folder / "draw_order.jsonl", "w", encoding="utf-8") as f:
        for o in out:
            f.write(json.dumps(o, ensure_ascii=False) + "\n")
