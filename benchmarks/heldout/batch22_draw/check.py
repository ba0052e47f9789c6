"""Checks batch22.jsonl and translated22.jsonl: all of batch21_draw/check.py's tests, with the overlap checks extended to
batch14-batch21 (no gold phrase of batch22 may be a substring of a batch14-21 gold phrase or the reverse; no batch22
question may equal or share a 5-word sequence with a batch14-21 question; drawn passages batch21 also used, or holding a
batch14-20 gold phrase, are reported), and no 4-word sequence of a question copied from its drawn passage; no
out-of-scope question reuses a topic term of any earlier batch's out-of-scope questions (batch4-batch21), and at most 4
out-of-scope questions contain a capitalised word (other than "I"). Gold phrases must have 6-15 words (as batch21)."""
import json, re, collections
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch22.jsonl, translated22.jsonl
PREV = HERE.parent                # batch14-21.jsonl and batch21_draw/selected_passages.jsonl (read only)
CORPUS = str(HERE.parents[2].parent / "shared" / "corpus") + "/"  # ../shared/corpus beside the project
D = str(HERE) + "/"
FILES = {"standards": "international-standards-treatment-drug-use-disorders.txt", "coercion": "from-coercion-to-cohesion.txt",
         "training": "policymakers-training-package.md", "recovery": "recovery-programme.txt", "resolution": "cnd-resolution-59-4.md"}
QUOTA = {"standards": 22, "coercion": 7, "training": 3, "resolution": 2, "recovery": 2}
LANGS = ["es", "fr", "ru", "ar", "zh", "pt"]
SCRIPT = {"ru": r"[\u0400-\u04FF]", "ar": r"[\u0600-\u06FF]", "zh": r"[\u4E00-\u9FFF]"}
# key nouns of the out-of-scope questions: each must be absent from every corpus file (case-insensitive)
OOS_TERMS = ["gift", "pocket money", "driving test", "locksmith", "propranolol", "Dopesick", "Frankfurt", "LifeRing",
             "wallpaper", "avocado", "sharpen", "echolocation"]
# topic terms of the out-of-scope questions of batch4-batch21: none may appear in a batch22 out-of-scope question
PREV_OOS_TERMS = [
    # batch4 / batch5 / batch6
    "fentanyl", "naloxone", "xylazine", "Portugal", "decriminali", "psilocybin", "nitazene", "semaglutide", "Philippines",
    "Canada", "legalis", "legaliz", "ketamine", "test strip", "pill testing", "anabolic", "steroid", "athlete",
    "death penalty", "smuggling", "minimum price", "World Cup", "football", "passport", "sourdough", "two-factor",
    "northern lights", "hiking", "Alps", "mephedrone", "consumption room", "supervised", "equine", "horse", "gambling",
    "ibogaine", "insurance", "acupuncture",
    # batch7
    "kratom", "nitrous", "khat", "transcranial", "magnetic", "yaba", "Thailand", "captagon", "sniffer", "smartphone",
    "vaping", "e-cigarette", "EMDR",
    # batch8
    "GLP-1", "Ozempic", "tramadol", "West Africa", "wastewater", "sewage", "chemsex", "sofosbuvir", "direct-acting",
    "antiviral", "festival", "drug checking",
    # batch9
    "delta-8", "THC", "deep brain", "brain stimulation", "wearable", "artificial intelligence", "Scotland", "Afghanistan",
    "Taliban", "opium", "betting", "gaming", "video game", "Duterte", "pregabalin", "dark web", "darknet", "cryptocurrency",
    # batch10
    "coffee", "caffeine", "energy drink", "luggage", "plane", "airport", "hangover", "drinking age", "roadside",
    "mouth swab", "panic attack", "ayahuasca", "tusi", "pink cocaine", "nightclub", "Purdue", "OxyContin",
    "Iceland", "Planet Youth", "Reagan", "Just Say No",
    # batch11 (its OOS_TERMS)
    "cigarette", "nicotine", "grief", "brother", "throw away", "leftover", "dog", "sweets", "wine", "antibiotic",
    "cough syrup", "get high", "boss", "time off", "krokodil", "kava", "Sweden", "zero-tolerance", "Adderall",
    "cram", "Dry January", "January",
    # batch12 (its OOS_TERMS)
    "yoga", "tai chi", "dentist", "teeth", "suitcase", "toiletries", "landlord", "evict", "hypnosis", "poppers",
    "grandparent", "grandchild", "sauna", "sweat", "church", "prayer", "Narcotics Anonymous", "Mexico", "cartel",
    "Xanax",
    # batch13 (its OOS_TERMS)
    "melatonin", "beer", "alcohol-free", "hair", "wiped", "give blood", "neighbour", "bake sale", "raise money",
    "moonshine", "methanol", "tattoo", "CBD", "Betty Ford", "Colombia", "spraying",
    # batch14 (its OOS_TERMS)
    "spiked", "romantic", "breathalyser", "drink-driving", "ketogenic", "music", "nutmeg", "loperamide", "salvia",
    "disulfiram", "Rat Park", "Breaking Bad", "Gabor",
    # batch15 (its OOS_TERMS)
    "salary", "mobile", "ombudsman", "CARF", "housing first", "Sinclair", "Hawaii", "Vietnam", "flakka", "jimsonweed",
    "grapefruit", "scopolamine",
    # batch16 (its OOS_TERMS)
    "wedding", "poppy seed", "kombucha", "birthday", "Sublocade", "baclofen", "kambo", "Nutt", "mould",
    "orchid", "compound interest", "Chernobyl",
    # batch17 (its OOS_TERMS)
    "mocktail", "toast", "sleepover", "knitting", "modafinil", "Johann Hari", "Kensington", "SMART Recovery",
    "puncture", "yolk", "sunset", "volcano",
    # batch18 (its OOS_TERMS)
    "housewarming", "podcast", "flatmate", "cover letter", "mirtazapine", "Carl Hart", "Platzspitz", "Al-Anon",
    "descale", "prune", "high tide", "alligator",
    # batch19 (its OOS_TERMS)
    "office party", "flowers", "dealer", "gym", "topiramate", "Marc Lewis", "Pusher Street", "Celebrate Recovery",
    "bathtub", "purr", "rainbow", "honey",
    # batch20 (its OOS_TERMS)
    "dinner", "uncle", "swimming", "borrowed", "gabapentin", "Deaton", "Tenderloin", "Oxford House",
    "dripping", "stale", "chewing gum", "owls",
    # batch21 (its OOS_TERMS)
    "picnic", "stepson", "scuba", "cousin", "zopiclone", "Quinones", "Skid Row", "Dharma",
    "unblock", "onions", "candle wax", "zebras"]
norm = lambda s: re.sub(r"\s+", " ", s).strip()
raw = {k: open(CORPUS + v, encoding="utf-8").read() for k, v in FILES.items()}
texts = {k: norm(v) for k, v in raw.items()}
bad = 0
def fail(*a):
    global bad; bad += 1; print("FAIL", *a)

draw = {}
for l in open(D + "draw_order.jsonl", encoding="utf-8"):
    o = json.loads(l); draw[(o["doc"], o["rank"])] = o
passages = {}
for l in open(D + "selected_passages.jsonl", encoding="utf-8"):
    p = json.loads(l); passages[p["id"]] = p
    if norm(p["text"]) not in texts[p["doc"]]: fail("passage not in corpus", p["id"])
    d = draw.get((p["doc"], p["rank"]))
    if d is None or d["para_index"] != p["para_index"] or d["text"] != p["text"]: fail("passage differs from draw_order", p["id"])
    if p["rank"] >= QUOTA[p["doc"]]: fail("rank beyond quota (a skip must be documented)", p["id"], p["rank"])
used = collections.Counter(p["doc"] for p in passages.values())
if dict(used) != QUOTA: fail("quota", dict(used))
src = {}; allids = set()
for fn in ["batch22.jsonl", "translated22.jsonl"]:
    lines = open(SETS / fn, encoding="utf-8").read().splitlines()
    kinds = collections.Counter(); langs = collections.Counter(); per_src = collections.defaultdict(list)
    lang_kind = collections.Counter()
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
        if fn == "batch22.jsonl":
            src[o["id"]] = o
            if o["kind"] != "out_of_scope":
                if o["id"] not in passages: fail("no selected passage", o["id"])
                elif passages[o["id"]]["doc"] != o["doc"]: fail("doc differs from passage", o["id"])
                if not 2 <= len(o["gold_any"]) <= 3: fail("in-scope English question needs 2-3 gold phrases", o["id"])
        else:
            s = src.get(o["source_id"])
            if s is None: fail("unknown source_id", o["id"]); continue
            if not (s["gold_any"] == o["gold_any"] and s["doc"] == o["doc"] and s["kind"] == o["kind"]): fail("differs from source", o["id"])
            if o["lang"] not in LANGS: fail("bad lang", o["id"])
            if o["lang"] in SCRIPT and not re.search(SCRIPT[o["lang"]], o["question"]): fail("wrong script", o["id"])
            if o["question"] == s["question"]: fail("not translated", o["id"])
            langs[(o["lang"], o["kind"] == "out_of_scope")] += 1
            lang_kind[(o["lang"], o["kind"])] += 1
            per_src[o["source_id"]].append(o["lang"])
        for g in o["gold_any"]:
            wc = len(g.split())
            if norm(g) not in texts[o["doc"]]: fail("NOT FOUND in corpus", o["id"], repr(g))
            elif fn == "batch22.jsonl" and norm(g) not in norm(passages[o["id"]]["text"]): fail("not in its passage", o["id"], repr(g))
            if not 6 <= wc <= 15: fail("length", wc, o["id"], g)
    print(fn, len(lines), "lines valid JSON;", dict(kinds))
    if fn == "batch22.jsonl":
        if kinds != {"normative": 18, "fact": 18, "out_of_scope": 12}: fail("kinds", dict(kinds))
        ids = [json.loads(l)["id"] for l in lines]
        if ids != [f"b22-{i:03d}" for i in range(1, 37)] + [f"b22-oos-{j:02d}" for j in range(1, 13)]: fail("ids not b22-001..036, b22-oos-01..12")
        print("kinds by doc:", dict(collections.Counter((o["doc"], o["kind"]) for o in src.values() if o["doc"])))
    else:
        if [json.loads(l)["id"] for l in lines] != [f"b22t-{n:03d}" for n in range(1, 133)]: fail("ids not b22t-001..132")
        for lang in LANGS:
            if langs[(lang, False)] != 18 or langs[(lang, True)] != 4: fail("lang count", lang, langs[(lang, False)], langs[(lang, True)])
        print("per language (in-scope, out-of-scope):", {l: (langs[(l, False)], langs[(l, True)]) for l in LANGS})
        print("normative/fact per language:", {l: (lang_kind[(l, "normative")], lang_kind[(l, "fact")]) for l in LANGS})
        for sid, s in src.items():
            want = 2 if s["kind"] == "out_of_scope" else 3
            if len(per_src[sid]) != want or len(set(per_src[sid])) != want: fail("translations per source", sid, per_src[sid])
for t in OOS_TERMS:
    for k, v in raw.items():
        if t.lower() in v.lower(): fail("out-of-scope term found in corpus", t, k)
print("out-of-scope terms checked absent:", len(OOS_TERMS))
capitalised = 0
for sid, o in src.items():
    if o["kind"] == "out_of_scope":
        if not any(t.lower() in o["question"].lower() for t in OOS_TERMS): fail("oos question has no checked term", sid)
        for t in PREV_OOS_TERMS:
            if t.lower() in o["question"].lower(): fail("oos question reuses an earlier batch's topic", sid, t)
        if any(w[0].isupper() and w != "I" for w in re.findall(r"[A-Za-z][\w'-]*", o["question"])): capitalised += 1
if capitalised > 4: fail("more than 4 out-of-scope questions with a capitalised name", capitalised)
print("out-of-scope questions with a capitalised name:", capitalised)
# against batch14-batch21: (a) no gold phrase shared (either a substring of the other); (b) report drawn passages
# batch21 also used and those holding a batch14-20 gold phrase; (c) the English question must not copy any 4-word sequence
# from its drawn passage (paraphrase, not wording); (d) no question equal to, or sharing a 5-word sequence with, a
# batch14-21 question
prev_gold = []; prev_q = []
for b in ["batch14.jsonl", "batch15.jsonl", "batch16.jsonl", "batch17.jsonl", "batch18.jsonl", "batch19.jsonl", "batch20.jsonl", "batch21.jsonl"]:
    for l in open(str(PREV / b), encoding="utf-8"):
        o = json.loads(l); prev_gold += [(o["id"], norm(g).lower()) for g in o["gold_any"]]; prev_q.append((o["id"], o["question"]))
b21text = {norm(json.loads(l)["text"]) for l in open(str(PREV / "batch21_draw" / "selected_passages.jsonl"), encoding="utf-8")}
tok = lambda t: re.findall(r"[a-z0-9']+", t.lower())
grams = lambda t, n: {" ".join(t[i:i + n]) for i in range(len(t) - n + 1)}
prev_q5 = [(pid, q.strip().lower(), grams(tok(q), 5)) for pid, q in prev_q]
overlap21 = []; overlap_older = []
for sid, o in src.items():
    for g in o["gold_any"]:
        for pid, h in prev_gold:
            if norm(g).lower() in h or h in norm(g).lower(): fail("gold phrase shared with", pid, sid, repr(g))
    if sid in passages:
        t = norm(passages[sid]["text"])
        if t in b21text: overlap21.append(sid)
        if any(h in t.lower() for pid, h in prev_gold if not pid.startswith("b21-")): overlap_older.append(sid)
        q = tok(o["question"]); p = " " + " ".join(tok(passages[sid]["text"])) + " "
        for i in range(len(q) - 3):
            if " " + " ".join(q[i:i + 4]) + " " in p: fail("question copies passage wording", sid, " ".join(q[i:i + 4]))
    for pid, pq, g5 in prev_q5:
        if o["question"].strip().lower() == pq: fail("question repeats", pid, sid)
        common = grams(tok(o["question"]), 5) & g5
        if common: fail("question shares a 5-word sequence with", pid, sid, sorted(common)[0])
print("earlier questions compared (batch14-21):", len(prev_q5))
print("passages also used by batch21:", overlap21)
print("passages holding a batch14-20 gold phrase:", overlap_older)
print("failures:", bad)
