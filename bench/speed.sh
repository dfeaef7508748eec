#!/usr/bin/env bash
# Measures wenku's build, search and update speed on a corpus folder, with the anchors in
# the same run, for ratios.
#
#   bench/speed.sh [--runs N] [--repeat K] [--no-anchors] [--queries FILE] [CORPUS]
#
# CORPUS defaults to the shipped corpus/. Nothing in it is modified: the run works on a
# hardlinked copy and a temporary index, removed at the end. Queries come from
# bench/queries-<name>.txt (shipped, scale, pool-zh, ...) unless --queries is given.
# --runs: builds timed, median reported (default 3, or 1 for a corpus over 10 MB).
# --repeat: times each query is run after one untimed run (default 10).
# Writes JSON lines to bench/results/speed-<name>-<date>.jsonl (also on stderr, as they
# come) and prints a markdown table on stdout. Anchors need `pip install bm25-jieba` and
# ripgrep (installed with apt-get if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
runs='' repeat=10 anchors=1 queries='' corpus=corpus
while [[ $# -gt 0 ]]; do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    --no-anchors) anchors=0; shift ;;
    --queries) queries=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -e/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) echo "speed.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    *) corpus=$1; shift ;;
  esac
done
corpus=$(realpath "$corpus")
[[ -d $corpus ]] || { echo "speed.sh: no corpus folder $corpus" >&2; exit 2; }
# A name for the results: "shipped", else the folder's name, or its parent's when the
# folder is called corpus (../shared/scale/.../corpus → scale).
if [[ $corpus == "$(realpath corpus)" ]]; then name=shipped
elif [[ $(basename "$corpus") == corpus ]]; then name=$(basename "$(dirname "$corpus")")
else name=$(basename "$corpus"); fi
queries=${queries:-bench/queries-$name.txt}
[[ -f $queries ]] || { echo "speed.sh: no query list $queries; pass --queries FILE" >&2; exit 2; }
if [[ $anchors == 1 ]] && ! command -v rg >/dev/null; then
  apt-get install -y -qq ripgrep >/dev/null 2>&1 || { echo "speed.sh: install ripgrep, or pass --no-anchors" >&2; exit 2; }
fi

cargo build --release --quiet --bins --examples
wenku=$PWD/target/release/wenku
examples=$PWD/target/release/examples
mkdir -p bench/results
stamp=$(date +%Y%m%d-%H%M%S)
out=bench/results/speed-$name-$stamp.jsonl
work=$(mktemp -d "${TMPDIR:-/tmp}/wenku-speed.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -al "$corpus" "$work/corpus" 2>/dev/null || { rm -rf "$work/corpus"; cp -a "$corpus" "$work/corpus"; }
C=$work/corpus I=$work/index
load=$(cut -d' ' -f1-3 /proc/loadavg)

# One JSON line: the corpus, date, cores and load average, then key=value pairs (values
# that parse as JSON are numbers, the rest strings).
emit() {
  python3 - "$name" "$stamp" "$(nproc)" "$load" "$@" <<'PY' | tee -a "$out" >&2
import json, sys
d = dict(corpus=sys.argv[1], date=sys.argv[2], cores=int(sys.argv[3]), load=sys.argv[4])
for a in sys.argv[5:]:
    k, v = a.split("=", 1)
    try:
        v = json.loads(v)
    except ValueError:
        pass
    d[k] = v
print(json.dumps(d, ensure_ascii=False))
PY
}

# Runs a command under /usr/bin/time -v, its stdout kept in $work/stdout and its stderr
# shown only if it fails; sets W (wall s), M (peak RSS MB) and CPU (%).
timed() {
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -v -o "$work/time" "$@" >"$work/stdout" 2>"$work/stderr" \
    || { cat "$work/stderr" >&2; echo "speed.sh: failed: $*" >&2; exit 1; }
  t1=$(date +%s%N)
  python3 - "$work/time" "$(( (t1 - t0) / 1000000 ))" >"$work/timed" <<'PY'
import re, sys
t = open(sys.argv[1]).read()
rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1))
cpu = re.search(r"Percent of CPU this job got: (\d+)%", t).group(1)
print(f"{int(sys.argv[2]) / 1000:.3f} {rss / 1024:.1f} {cpu}")
PY
  read -r W M CPU <"$work/timed"
}

# A JSON object's pairs as key=value words (no spaces in values), for emit.
kv() { python3 -c "import json,sys; print(' '.join(f'{k}={v}' for k, v in json.loads(sys.argv[1]).items() if k != 'all'))" "$1"; }

median() { tr ' ' '\n' | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

# Article files as wenku reads them: .txt/.md/.markdown, hidden ones skipped.
read -r files text_bytes < <(python3 - "$C" <<'PY'
import os, sys
n = b = 0
for root, dirs, names in os.walk(sys.argv[1], followlinks=True):
    dirs[:] = [d for d in dirs if not d.startswith(".")]
    for f in names:
        if not f.startswith(".") and f.endswith((".txt", ".md", ".markdown")):
            n += 1; b += os.path.getsize(os.path.join(root, f))
print(n, b)
PY
)
mb=$(python3 -c "print($text_bytes / 1e6)")
[[ -n $runs ]] || runs=$(python3 -c "print(1 if $text_bytes > 10e6 else 3)")
echo "speed.sh: $name, $files files, $(printf %.3g "$mb") MB of text, $runs build run(s), $repeat repeats; load $load" >&2

# 1. wenku build, from nothing each time.
walls=() rsss=() cpus=()
for ((r = 0; r < runs; r++)); do
  rm -rf "$I"
  timed "$wenku" index --rebuild --corpus "$C" --index "$I" -q
  walls+=("$W") rsss+=("$M") cpus+=("$CPU")
done
wall=$(echo "${walls[*]}" | median)
index_bytes=$(du -sb "$I" | cut -f1)
# The manifest rides in the tantivy commit (meta.json): every search process parses it.
manifest_bytes=$(stat -c %s "$I/$(cat "$I/CURRENT")/meta.json")
emit kind=build tool=wenku files="$files" text_bytes="$text_bytes" runs="$runs" \
  wall_s="$wall" "wall_all=[$(IFS=,; echo "${walls[*]}")]" \
  mb_s="$(python3 -c "print(round($mb / $wall, 4))")" \
  peak_rss_mb="$(echo "${rsss[*]}" | tr ' ' '\n' | sort -g | tail -1)" \
  cpu_pct="$(echo "${cpus[*]}" | median)" index_bytes="$index_bytes" manifest_bytes="$manifest_bytes" \
  index_ratio="$(python3 -c "print(round($index_bytes / $text_bytes, 2))")"

# 2. Build anchors. Texts: one per paragraph (blocks between blank lines, front matter and
# `#` heading lines dropped, as ../shared/eval/corpus.py does); only the fit or the
# inserts + commit are timed, not reading the files.
cat >"$work/anchor.py" <<'PY'
import json, os, re, sqlite3, sys, time
which, corpus, db_path = sys.argv[1:]
texts = []
for root, dirs, names in os.walk(corpus, followlinks=True):
    dirs[:] = sorted(d for d in dirs if not d.startswith("."))
    for f in sorted(names):
        if f.startswith(".") or not f.endswith((".txt", ".md", ".markdown")):
            continue
        text = open(os.path.join(root, f), encoding="utf-8", errors="replace").read()
        if text.startswith("---\n") and (end := text.find("\n---", 4)) != -1:
            text = text[end + 4:]
        for block in re.split(r"\n\s*\n", text):
            lines = [l for l in block.strip().splitlines() if l.strip() and not l.lstrip().startswith("#")]
            if lines:
                texts.append("\n".join(lines))
d = {"paras": len(texts)}
if which == "bm25_jieba":
    from bm25_jieba import BM25
    t0 = time.perf_counter()
    BM25().fit(texts, list(range(len(texts))))
    d["build_s"] = time.perf_counter() - t0
else:
    db = sqlite3.connect(db_path)
    t0 = time.perf_counter()
    db.execute("create virtual table p using fts5(body, tokenize='trigram')")
    db.executemany("insert into p(rowid, body) values (?, ?)", enumerate(texts))
    db.commit()
    d["build_s"] = time.perf_counter() - t0
    db.close()
    d["index_bytes"] = os.path.getsize(db_path)
print(json.dumps(d))
PY
if [[ $anchors == 1 ]]; then
  for a in bm25_jieba fts5_trigram; do
    rm -f "$work/fts5.db"
    timed python3 "$work/anchor.py" "$a" "$C" "$work/fts5.db"
    r=$(cat "$work/stdout")
    b=$(python3 -c "import json; print(round(json.loads('$r')['build_s'], 3))")
    extra=()
    if [[ $a == fts5_trigram ]]; then
      ib=$(python3 -c "import json; print(json.loads('$r')['index_bytes'])")
      extra=(index_bytes="$ib" index_ratio="$(python3 -c "print(round($ib / $text_bytes, 2))")")
    fi
    emit kind=build tool="$a" paras="$(python3 -c "import json; print(json.loads('$r')['paras'])")" \
      build_s="$b" mb_s="$(python3 -c "print(round($mb / $b, 4))")" peak_rss_mb="$M" \
      cpu_pct="$CPU" "${extra[@]}" wenku_over_anchor="$(python3 -c "print(round($wall / $b, 3))")"
  done
  rm -f "$work/fts5.db"
fi

# 3. jieba-rs raw search-mode segmentation, one thread, dictionary load excluded.
r=$("$examples/jieba_speed" "$C")
read -r -a fields <<<"$(kv "$r")"
emit kind=segment tool=jieba-rs "${fields[@]}"

# 4 and 6. Whole-process latency: each query once untimed, then K times, output to
# /dev/null; wall time by perf_counter around the process, peak RSS from the untimed
# run under /usr/bin/time. rg gets
# `-F -c` with one `-e` per query word (any word matches: the scan a user would run).
latency() {
  python3 - "$@" <<'PY'
import json, math, os, subprocess, sys, time
tool, queries, repeat, exe, corpus, index = sys.argv[1:]
qs = [l.strip() for l in open(queries, encoding="utf-8") if l.strip() and not l.startswith("#")]
def cmd(q):
    if tool == "rg":
        return [exe, "-F", "-c"] + [a for w in q.split() for a in ("-e", w)] + [corpus]
    return [exe, "search", "--corpus", corpus, "--index", index, "--limit", "10"] + q.split()
def run(argv):
    t0 = time.perf_counter()
    code = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
    return time.perf_counter() - t0, code
def q_at(v, q):  # nearest rank
    return v[min(len(v), max(1, math.ceil(len(v) * q))) - 1]
samples, rss = [], 0
rss_file = os.path.join(os.path.dirname(corpus), "rss")  # in the temporary folder
for q in qs:
    # The untimed run, under /usr/bin/time for the peak RSS (a forked Python's RSS
    # would hide anything smaller).
    _, code = run(["/usr/bin/time", "-f", "%M", "-o", rss_file] + cmd(q))
    if code > 1:
        sys.exit(f"speed.sh: {' '.join(cmd(q))} failed with exit code {code}")
    rss = max(rss, int(open(rss_file).read().split()[-1]))
    for _ in range(int(repeat)):
        samples.append(run(cmd(q))[0] * 1000)
samples.sort()
print(json.dumps(dict(queries=len(qs), repeat=int(repeat), p50_ms=round(q_at(samples, .5), 2),
                      p99_ms=round(q_at(samples, .99), 2), peak_rss_mb=round(rss / 1024, 1))))
PY
}
r=$(latency wenku "$queries" "$repeat" "$wenku" "$C" "$I")
read -r -a fields <<<"$(kv "$r")"
emit kind=search_process tool=wenku queries_file="$queries" "${fields[@]}"
wenku_p50=$(python3 -c "import json; print(json.loads('$r')['p50_ms'])")
if [[ $anchors == 1 ]]; then
  r=$(latency rg "$queries" "$repeat" "$(command -v rg)" "$C" -)
  read -r -a fields <<<"$(kv "$r")"
  emit kind=search_process tool=rg queries_file="$queries" "${fields[@]}" \
    anchor_over_wenku="$(python3 -c "import json; print(round(json.loads('$r')['p50_ms'] / $wenku_p50, 2))")"
fi

# 5. In-process latency: the index opened once through the library.
r=$("$examples/search_latency" "$I" "$queries" "$repeat" | tail -1)
read -r -a fields <<<"$(kv "$r")"
emit kind=search_inprocess tool=wenku "${fields[@]}"

# 7. Update after adding one article (the first one, a line appended, under a new name:
# a new file, so the hardlinked originals are untouched); then an update with nothing
# changed, for what every run pays to look at the corpus.
first=$(find "$C" -type f \( -name '*.md' -o -name '*.txt' -o -name '*.markdown' \) -not -path '*/.*' | sort | awk 'NR == 1')
added="${first%.*}-speed-added.${first##*.}"
{ cat "$first"; printf '\n\n新增一段：增量索引测试。A paragraph added by bench/speed.sh.\n'; } >"$added"
timed "$wenku" index --corpus "$C" --index "$I" -q
emit kind=update tool=wenku change=one_article_added wall_s="$W" peak_rss_mb="$M" cpu_pct="$CPU"
timed "$wenku" index --corpus "$C" --index "$I" -q
emit kind=update tool=wenku change=none wall_s="$W" peak_rss_mb="$M" cpu_pct="$CPU"

python3 - "$out" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
get = lambda kind, tool, **kw: next((r for r in rows if r["kind"] == kind and r["tool"] == tool
                                     and all(r.get(k) == v for k, v in kw.items())), None)
b = get("build", "wenku")
print(f"\n{b['corpus']} corpus, {b['files']} files, {b['text_bytes'] / 1e6:.3g} MB of text, "
      f"{b['cores']} cores, load {b['load']} at start ({b['date']})\n")
print("| measure | wenku | anchor | ratio |")
print("|---|---|---|---|")
print(f"| build (median of {b['runs']}) | {b['wall_s']:.2f} s, {b['mb_s']:.3g} MB/s, "
      f"CPU {b['cpu_pct']}%, peak RSS {b['peak_rss_mb']:.0f} MB | | |")
for a, label in (("bm25_jieba", "bm25-jieba fit"), ("fts5_trigram", "SQLite FTS5 trigram")):
    r = get("build", a)
    if r:
        print(f"| ↳ vs {label} | | {r['build_s']:.3g} s, {r['mb_s']:.3g} MB/s, CPU {r['cpu_pct']}%, "
              f"peak RSS {r['peak_rss_mb']:.0f} MB ({r['paras']} paragraphs) | wenku/anchor {r['wenku_over_anchor']:.3g} |")
s = get("segment", "jieba-rs")
print(f"| ↳ jieba-rs cut_for_search, 1 thread | | {s['mb_s']:.1f} MB/s (dictionary load {s['dict_load_ms']:.0f} ms) "
      f"| wenku/jieba MB/s {b['mb_s'] / s['mb_s']:.3g} |")
f = get("build", "fts5_trigram")
print(f"| index size | {b['index_bytes'] / 1e6:.1f} MB, {b['index_ratio']:.2f}× text | "
      + (f"FTS5 {f['index_bytes'] / 1e6:.1f} MB, {f['index_ratio']:.2f}× text | wenku/FTS5 {b['index_bytes'] / f['index_bytes']:.2f} |" if f else " | |"))
w, g = get("search_process", "wenku"), get("search_process", "rg")
print(f"| search, whole process, p50 / p99 ({w['queries']} queries × {w['repeat']}) | {w['p50_ms']:.1f} / {w['p99_ms']:.1f} ms, "
      f"peak RSS {w['peak_rss_mb']:.0f} MB | "
      + (f"rg -F -c {g['p50_ms']:.1f} / {g['p99_ms']:.1f} ms | rg/wenku p50 {g['anchor_over_wenku']:.2f} |" if g else " | |"))
i = get("search_inprocess", "wenku")
print(f"| search, in process, p50 / p99 | {i['p50_us'] / 1000:.2f} / {i['p99_us'] / 1000:.2f} ms "
      f"(opening the index {i['open_us'] / 1000:.1f} ms) | | |")
u, n = get("update", "wenku", change="one_article_added"), get("update", "wenku", change="none")
print(f"| `wenku index` after adding one article | {u['wall_s']:.2f} s, peak RSS {u['peak_rss_mb']:.0f} MB | | |")
print(f"| `wenku index`, nothing changed | {n['wall_s']:.2f} s | | |")
print(f"\nraw numbers: {sys.argv[1]}")
PY
