#!/usr/bin/env python3
"""Rebuild the quotes development set's article files from fetched snapshots.

usage: python3 bench/quotes/make-dev.py OUT_DIR [--mirrors DIR]

The articles are other people's copyright, so only their addresses are kept here: each
`bench/quotes/<set>.tsv` names, one article a line,

    file-name <TAB> owner/repo <TAB> commit <TAB> path [<TAB> story]

and this script writes OUT_DIR/<set>/<file-name> from a snapshot of owner/repo (a bare
git directory at MIRRORS/owner+repo/repo, as the search tool's `fetch` leaves it;
default MIRRORS: $WENKU_MIRRORS or /work/.mirror). `story` is set for the 新闻联播
transcripts, one file a day: it is the 1-based number of the `### ` story in the
day's `## 详细新闻` part, written out alone with its heading as the title.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# Development sets, then the check sets (articles of the kinds the product is judged on,
# kept apart: measured, never tuned on).
SETS = ["zh-cctv", "zh-hant-hkcnews", "en-bbc", "zh-hant-hkcnews-2", "en-bbc-2",
        "check-zh-cctv", "check-zh-hant-hkcnews", "check-en-bbc"]


def show(mirrors, repo, commit, path):
    git_dir = os.path.join(mirrors, repo.replace("/", "+"), "repo")
    if not os.path.isdir(git_dir):
        sys.exit(f"make-dev: no snapshot of {repo} at {git_dir}: fetch github:{repo} first")
    r = subprocess.run(["git", "--git-dir", git_dir, "show", f"{commit}:{path}"],
                       capture_output=True)
    if r.returncode != 0:
        sys.exit(f"make-dev: {repo}@{commit[:10]} has no {path}: {r.stderr.decode().strip()}")
    return r.stdout.decode("utf-8")


def story(day, n):
    """The n-th `### ` story of a 新闻联播 day file, as a small Markdown article."""
    body = day.split("## 详细新闻", 1)[-1]
    parts = body.split("\n### ")[1:]
    if not 1 <= n <= len(parts):
        sys.exit(f"make-dev: the day file has {len(parts)} stories, not {n}")
    title, _, text = parts[n - 1].partition("\n")
    lines = [l for l in text.splitlines() if not l.startswith("[查看原文]")]
    return f"# {title.strip()}\n\n" + "\n".join(lines).strip() + "\n"


def main():
    args = sys.argv[1:]
    mirrors = os.environ.get("WENKU_MIRRORS", "/work/.mirror")
    if "--mirrors" in args:
        i = args.index("--mirrors")
        mirrors = args[i + 1]
        del args[i:i + 2]
    if len(args) != 1:
        sys.exit(__doc__)
    out = args[0]
    for name in SETS:
        tsv = os.path.join(HERE, f"{name}.tsv")
        if not os.path.exists(tsv):
            continue
        d = os.path.join(out, name)
        os.makedirs(d, exist_ok=True)
        n = 0
        for line in open(tsv, encoding="utf-8"):
            if not line.strip() or line.startswith("#"):
                continue
            f = line.rstrip("\n").split("\t")
            text = show(mirrors, f[1], f[2], f[3])
            if len(f) > 4 and f[4]:
                text = story(text, int(f[4]))
            with open(os.path.join(d, f[0]), "w", encoding="utf-8") as w:
                w.write(text)
            n += 1
        print(f"{name}: {n} articles in {d}", file=sys.stderr)


if __name__ == "__main__":
    main()
