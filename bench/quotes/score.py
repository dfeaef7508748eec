#!/usr/bin/env python3
"""Score `wenku quotes --json` on the quotes development set, set by set.

usage: python3 bench/quotes/score.py BIN DEV_DIR [SET ...] [--detail [--context]]

DEV_DIR is what make-dev.py wrote (DEV_DIR/<set>/<article files>). For each set, the
articles are indexed into a temporary folder and every statement wenku reports is
matched against `bench/quotes/<set>.jsonl` the way ../shared/eval/eval_quotes.py
matches (same speaker: one name contains the other; the gold key inside the text), but
article by article. Prints one JSON line per set: precision, recall, direct/indirect
recall and, with --detail, every miss and every wrong output. A gold line's "kind"
(direct / indirect) is also checked against the output's "kind" when it has one.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
# Development sets, then the check sets (articles of the kinds the product is judged on,
# kept apart: measured, never tuned on).
SETS = ["zh-cctv", "zh-hant-hkcnews", "en-bbc", "zh-hant-hkcnews-2", "en-bbc-2",
        "check-zh-cctv", "check-zh-hant-hkcnews", "check-en-bbc"]
WS = re.compile(r"\s+")


def n(s):
    return WS.sub("", s or "")


def same_speaker(a, b):
    if isinstance(b, list):
        return any(same_speaker(a, x) for x in b)
    a, b = n(a).lstrip("有").lower(), n(b).lstrip("有").lower()
    return len(a) >= 2 and len(b) >= 2 and (a in b or b in a)


def matches(o, g):
    return (os.path.basename(o.get("article", "")) == g["article"]
            and same_speaker(o.get("speaker", ""), g["speaker"])
            and n(g["key"]) in n(o.get("text", "")))


def score(bin_, corpus, gold):
    with tempfile.TemporaryDirectory() as d:
        idx = os.path.join(d, "index")
        subprocess.run([bin_, "index", "--corpus", corpus, "--index", idx], check=True,
                       capture_output=True)
        r = subprocess.run([bin_, "quotes", "--corpus", corpus, "--index", idx, "--json",
                            "--limit", "100000"], capture_output=True, text=True)
    outs = [json.loads(l) for l in r.stdout.splitlines() if l.strip().startswith("{")]
    found = [any(matches(o, g) for o in outs) for g in gold]
    kind_ok = [any(matches(o, g) and o.get("kind", g.get("kind")) == g.get("kind") for o in outs)
               for g in gold]
    wrong = [o for o in outs if not any(matches(o, g) for g in gold)]
    opt_only = [o for o in outs
                if not any(matches(o, g) for g in gold if not g["optional"])
                and any(matches(o, g) for g in gold)]
    counted = len(outs) - len(opt_only)
    req = [i for i, g in enumerate(gold) if not g["optional"]]
    rec = sum(found[i] for i in req) / len(req) if req else 0.0
    prec = (counted - len(wrong)) / counted if counted else 0.0
    by_kind = {}
    for k in ("direct", "indirect"):
        ix = [i for i in req if gold[i].get("kind") == k]
        if ix:
            by_kind[k] = round(sum(found[i] for i in ix) / len(ix), 3)
    return {
        "outputs": len(outs), "gold": len(req), "precision": round(prec, 3),
        "recall": round(rec, 3), "recall_by_kind": by_kind,
        "kind_right": round(sum(kind_ok[i] for i in req) / max(1, sum(found[i] for i in req)), 3),
    }, [gold[i] for i in req if not found[i]], wrong


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    detail = "--detail" in sys.argv
    if len(args) < 2:
        sys.exit(__doc__)
    bin_, dev = args[0], args[1]
    for name in args[2:] or SETS:
        gold_path = os.path.join(HERE, f"{name}.jsonl")
        corpus = os.path.join(dev, name)
        if not os.path.exists(gold_path) or not os.path.isdir(corpus):
            continue
        gold = [json.loads(l) for l in open(gold_path, encoding="utf-8") if l.strip()]
        summary, missed, wrong = score(bin_, corpus, gold)
        print(json.dumps({"set": name, **summary}, ensure_ascii=False))
        if detail:
            for g in missed:
                print(f"  MISS {g['article']} {g['speaker']} | {g['key']} ({g.get('kind')})")
                if "--context" in sys.argv:
                    text = open(os.path.join(corpus, g["article"]), encoding="utf-8").read()
                    for para in re.split(r"\n\s*\n", text):
                        if g["key"] in para:
                            i = para.index(g["key"])
                            print("      " + para[max(0, i - 120):i + 80].replace("\n", " "))
            for o in wrong:
                print(f"  WRONG {os.path.basename(o['article'])} ¶{o.get('paragraph')} "
                      f"{o.get('speaker')!r} [{o.get('cue')}] | {n(o.get('text'))[:60]}")


if __name__ == "__main__":
    main()
