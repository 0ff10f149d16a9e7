#!/usr/bin/python3
"""Times gensim 4.2's Phrases (learn, then phrases[sentence] on every line) against
`nlp phrases` on the same sentences and checks that the rewritten corpora are identical.

Sentences are the input's lines; tokens line.lower().split() for gensim and
`-t whitespace --case lower` for nlp. gensim runs through scripts/goldens/gensim_phrases.py
(mode `time`), which reports its reading, learning and rewriting times; nlp is timed as a whole
command (reading, tokenizing, counting, freezing, rewriting and writing). Peak RSS comes from
/usr/bin/time (GNU time's %M).

usage: compare_phrases.py NLP CORPUS [--max-mb N] [--threads 1,2] [--case NAME]
  NLP     the nlp binary;  CORPUS  a text file, .xz allowed (e.g. ../shared/data/corpora/en/eltec-eng.txt.xz)
  --case  an option set of gensim_phrases.py (default default-english: min_count=5,
          threshold=10, ENGLISH_CONNECTOR_WORDS)
"""
import argparse
import json
import os
import pathlib
import platform
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import benchlib  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "goldens" / "gensim_phrases.py"
sys.path.insert(0, str(SCRIPT.parent))


def run_timed(argv, tmp):
    """(wall seconds, peak RSS in MB, stdout bytes) of argv, run under GNU time; exits on failure."""
    rss_file = tmp / "rss"
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", str(rss_file), *map(str, argv)],
                          capture_output=True)
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(map(str, argv[:3]))} failed: {proc.stderr.decode(errors='replace')}")
    return wall, int(rss_file.read_text().split()[-1]) / 1024, proc.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("nlp", type=pathlib.Path)
    ap.add_argument("input", type=pathlib.Path)
    ap.add_argument("--max-mb", type=float, default=0, help="cut the input after this many MB (0 = all)")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--case", default="default-english")
    args = ap.parse_args()

    import gensim_phrases  # the option sets
    opts = gensim_phrases.CASES[args.case]
    flags = ["-q", "-t", "whitespace", "--case", "lower", "--min-count", str(opts["min_count"]),
             "--threshold", str(opts["threshold"]), "--scoring", opts["scoring"],
             "--connector-words", opts["connectors"], "--passes", str(opts.get("passes", 1)),
             "--max-vocab-size", str(opts.get("max_vocab_size", 40000000))]

    gensim_version = subprocess.run(["/usr/bin/python3", "-c", "import gensim; print(gensim.__version__)"],
                                    capture_output=True, text=True).stdout.strip()
    data = benchlib.read_input(args.input, int(args.max_mb * 1e6))
    lines = data.count(b"\n")
    tokens = sum(len(line.lower().split()) for line in data.decode("utf-8").split("\n"))
    version = subprocess.run([str(args.nlp), "--version"], capture_output=True, text=True).stdout.splitlines()
    print(f"input: {args.input.name}, {lines} lines, {tokens} tokens, {len(data)} bytes; case {args.case}: {opts}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs; Python {platform.python_version()}, "
          f"gensim {gensim_version}; {version[0] if version else 'nlp'}")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        text = tmp / "input.txt"
        text.write_bytes(data)
        ref_out = tmp / "gensim.txt"
        wall, rss, out = run_timed(["/usr/bin/python3", SCRIPT, "time", text, ref_out, "--case", args.case], tmp)
        parts = json.loads(out)
        work = parts["learn"] + parts["apply"]
        print(f"gensim: {wall:.2f} s wall for the process ({parts['read']:.2f} s reading and splitting, "
              f"{parts['learn']:.2f} s learning, {parts['apply']:.2f} s rewriting), peak RSS {rss:.0f} MB")
        reference = ref_out.read_bytes()
        print(f"{'tool':<10}{'threads':>8}{'wall s':>10}{'RSS MB':>9}{'vs gensim learn+apply':>24}"
              f"{'vs gensim process':>19}  output")
        print(f"{'gensim':<10}{1:>8}{work:>10.2f}{rss:>9.0f}{'':>24}{'':>19}")
        for threads in [int(t) for t in args.threads.split(",")]:
            ours = tmp / f"nlp-{threads}.txt"
            best = None
            for _ in range(2):
                w, r, _ = run_timed([args.nlp, "phrases", *flags, "--threads", threads, "-o", ours, text], tmp)
                best = (w, r) if best is None or w < best[0] else best
            same = ours.read_bytes() == reference
            print(f"{'nlp':<10}{threads:>8}{best[0]:>10.2f}{best[1]:>9.0f}{work / best[0]:>23.1f}x"
                  f"{wall / best[0]:>18.1f}x  {'identical' if same else 'DIFFERENT'}")
            if not same:
                sys.exit("the rewritten corpora differ")


if __name__ == "__main__":
    main()
