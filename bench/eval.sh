#!/usr/bin/env bash
# Scores wenku and the lexical baselines on every dev set of ../shared/eval, in one run.
#
#   bench/eval.sh [--no-anchors] [SET ...]     (default: all sets)
#
# Writes JSON lines to bench/results/eval-<date>.jsonl and prints a markdown table of
# MRR@10. Needs `pip install bm25-jieba bm25s jieba PyStemmer` for the anchors.
set -euo pipefail
cd "$(dirname "$0")/.."
EVAL=${EVAL:-../shared/eval}
anchors=1
if [[ "${1:-}" == "--no-anchors" ]]; then anchors=0; shift; fi
sets=("$@")
[[ ${#sets[@]} -gt 0 ]] || sets=(xquad-zh xquad-en xquad-xling xquad-xling-rev xquad-zh-hant cmrc2018 pool-zh substr)
cargo build --release --quiet
mkdir -p bench/results
out=bench/results/eval-$(date +%Y%m%d-%H%M%S).jsonl
for s in "${sets[@]}"; do
  corpus=$EVAL/$s/corpus
  # A set that shares another's corpus holds a file naming it (a link flattened on copy).
  [[ -f $corpus ]] && corpus=$EVAL/$s/$(cat "$corpus")
  python3 "$EVAL/eval_cli.py" target/release/wenku "$corpus" "$EVAL/$s/queries.jsonl" \
    | python3 -c "import json,sys; d=json.load(sys.stdin); d['set']='$s'; print(json.dumps(d, ensure_ascii=False))" | tee -a "$out"
  if [[ $anchors == 1 ]]; then
    python3 "$EVAL/anchors.py" "$corpus" "$EVAL/$s/queries.jsonl" bm25_jieba_rs bm25s_jieba bm25s_bigram fts5_jieba 2>/dev/null \
      | grep '^{' | python3 -c "
import json,sys
for l in sys.stdin:
    d=json.loads(l); d['set']='$s'; print(json.dumps(d, ensure_ascii=False))" | tee -a "$out"
  fi
done
python3 - "$out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
sets = list(dict.fromkeys(r['set'] for r in rows))
names = list(dict.fromkeys(r.get('anchor', '?') for r in rows))
print('\n| set | ' + ' | '.join(n if n != 'project' else 'wenku' for n in names) + ' |')
print('|---' * (len(names) + 1) + '|')
for s in sets:
    cells = []
    for n in names:
        r = next((r for r in rows if r['set'] == s and r.get('anchor', '?') == n), None)
        if r is None:
            cells.append('–'); continue
        c = f"{r['mrr10']:.3f}"
        if 'by_kind' in r:
            c += ' (' + ' / '.join(f"{k} {v:.3f}" for k, v in sorted(r['by_kind'].items())) + ')'
        cells.append(c)
    print(f'| {s} | ' + ' | '.join(cells) + ' |')
PY
