"""Times `nlp score` / `nlp compare` against the reference implementations on the same files, in one
run, and checks that the scores agree.

    /usr/bin/python3 bench/cmd/compare_metrics.py build/cli/nlp ../shared/data \
        --sacrebleu /path/to/sacrebleu --rouge /path/to/rouge-parent --pycocoevalcap-parent /path/to/parent

References (none of them is part of this repository):
  --sacrebleu DIR             a checkout of mjpost/sacrebleu (DIR/sacrebleu is the package)
  --rouge DIR                 a folder holding Google's `rouge` package (rouge_scorer.py, scoring.py,
                              tokenize.py, tokenizers.py), as in google-research/google-research
  --pycocoevalcap-parent DIR  the folder that holds a checkout of salaniz/pycocoevalcap named `pycocoevalcap`
  NLTK's METEOR comes from Debian's python3-nltk.

Inputs (from the shared data):
  MT: every system of WMT17 en-de (16 systems x 3,004 segments) concatenated into one hypothesis
      file of 48,064 segments against the reference repeated as often, so that the nlp timings are
      not dominated by process start-up (TER: the first --ter-systems systems, one reference run);
      and the nine WMT22 de-en systems (1,984 segments each) for the paired tests.
  Summaries / METEOR / CIDEr: the 500 WMT22 de-en lines of goldens/inputs (references A and B),
      repeated `--repeat-text` times (default 10) for the same reason.

Each reference is timed on its scoring call only (inputs already in memory, imports done); each
nlp figure is the whole command (start-up, reading the files, scoring, printing). Best of
`--runs` (default 3).
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile
import time


def lines_of(path):
    text = pathlib.Path(path).read_text(encoding="utf-8")
    out = text.split("\n")
    if out and out[-1] == "":
        out.pop()
    return [line.rstrip() for line in out]


def best(function, runs):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def run_nlp(argv, runs):
    def call():
        proc = subprocess.run(argv, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"{' '.join(argv)} failed: {proc.stderr}")
        return proc.stdout

    seconds, out = best(call, runs)
    return seconds, json.loads(out)


def row(name, ref_name, ref_seconds, nlp_seconds, ref_score, nlp_score):
    diff = abs(ref_score - nlp_score)
    print(f"| {name} | {ref_name} {ref_seconds:.3f} s | nlp {nlp_seconds:.3f} s | {ref_seconds / nlp_seconds:.1f}x "
          f"| {ref_score:.6f} / {nlp_score:.6f} (diff {diff:.1e}) |", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("nlp", type=pathlib.Path)
    ap.add_argument("data", type=pathlib.Path, help="the shared data folder")
    ap.add_argument("--sacrebleu", type=pathlib.Path)
    ap.add_argument("--rouge", type=pathlib.Path)
    ap.add_argument("--pycocoevalcap-parent", type=pathlib.Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--repeat-text", type=int, default=10)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--ter-systems", type=int, default=2,
                    help="TER uses the first N WMT17 systems only (sacreBLEU's TER takes minutes per system)")
    ap.add_argument("--only", default="bleu,chrf,ter,rouge,meteor,cider,paired",
                    help="comma-separated subset of bleu,chrf,ter,rouge,meteor,cider,paired")
    args = ap.parse_args()
    only = set(args.only.split(","))
    nlp = str(args.nlp)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="nlp-metrics-bench-"))
    jobs = ["-j", str(args.threads)]

    # WMT17 en-de: all systems against the reference, concatenated.
    wmt17 = args.data / "mt" / "wmt17-en-de"
    systems = sorted((wmt17 / "system-outputs").iterdir())
    ref17 = lines_of(wmt17 / "newstest2017-ende-ref.de")
    hyps = []
    for s in systems:
        hyps += lines_of(s)
    refs = ref17 * len(systems)
    (tmp / "mt.hyp").write_text("\n".join(hyps) + "\n", encoding="utf-8")
    (tmp / "mt.ref").write_text("\n".join(refs) + "\n", encoding="utf-8")
    n_ter = len(ref17) * args.ter_systems
    (tmp / "ter.hyp").write_text("\n".join(hyps[:n_ter]) + "\n", encoding="utf-8")
    (tmp / "ter.ref").write_text("\n".join(refs[:n_ter]) + "\n", encoding="utf-8")
    print(f"MT input: {len(systems)} WMT17 en-de systems, {len(hyps)} segments")
    print("| metric | reference | nlp | speed-up | scores (reference / nlp) |")
    print("|---|---:|---:|---:|---|")

    if args.sacrebleu and only & {"bleu", "chrf", "ter"}:
        sys.path.insert(0, str(args.sacrebleu))
        from sacrebleu.metrics import BLEU, CHRF, TER
        cases = [("bleu", "BLEU", lambda: BLEU(), []), ("chrf", "chrF2", lambda: CHRF(), []),
                 ("chrf", "chrF2++", lambda: CHRF(word_order=2), ["--word-order", "2"]),
                 ("ter", "TER", lambda: TER(), [])]
        for key, name, make, extra in cases:
            if key not in only:
                continue
            stem = "ter" if key == "ter" else "mt"
            h, r = (hyps[:n_ter], refs[:n_ter]) if key == "ter" else (hyps, refs)
            ref_seconds, ref_result = best(lambda: make().corpus_score(h, [r]), 1 if key == "ter" else args.runs)
            nlp_seconds, got = run_nlp([nlp, "score", key, *extra, *jobs, "-f", "json", "--ref", str(tmp / f"{stem}.ref"),
                                        str(tmp / f"{stem}.hyp")], args.runs)
            row(f"{name} corpus, {len(h)} segments", "sacreBLEU", ref_seconds, nlp_seconds, ref_result.score,
                got["score"])

    # 500 lines with two references, repeated.
    inputs = args.data / "goldens" / "inputs"
    h500 = lines_of(inputs / "wmt22-de-en.first500.hyp.JDExploreAcademy.en") * args.repeat_text
    ra = lines_of(inputs / "wmt22-de-en.first500.refA.en") * args.repeat_text
    rb = lines_of(inputs / "wmt22-de-en.first500.refB.en") * args.repeat_text
    for name, data in (("h", h500), ("a", ra), ("b", rb)):
        (tmp / f"t.{name}").write_text("\n".join(data) + "\n", encoding="utf-8")
    print(f"\ntext input: the 500 WMT22 de-en lines x {args.repeat_text} = {len(h500)} segments")

    if args.rouge and "rouge" in only:
        sys.path.insert(0, str(args.rouge))
        from rouge import rouge_scorer
        types = ["rouge1", "rouge2", "rougeL", "rougeLsum"]
        for stem in (False, True):
            scorer = rouge_scorer.RougeScorer(types, use_stemmer=stem)

            def rouge_run():
                scores = [scorer.score(target=r, prediction=h) for h, r in zip(h500, ra)]
                return sum(s["rougeL"].fmeasure for s in scores) / len(scores)

            ref_seconds, ref_mean = best(rouge_run, args.runs)
            nlp_seconds, got = run_nlp([nlp, "score", "rouge", *jobs, "-f", "json", *(["--stem"] if stem else []),
                                        "--ref", str(tmp / "t.a"), str(tmp / "t.h")], args.runs)
            nlp_l = [g for g in got if g["name"] == "ROUGE-L"][0]["score"] if isinstance(got, list) else got["score"]
            row(f"ROUGE 1/2/L/Lsum{' stemmed' if stem else ''} (ROUGE-L F shown)", "rouge-score", ref_seconds,
                nlp_seconds, ref_mean, nlp_l)

    if "meteor" in only:
        # NLTK reads Debian's WordNet files through the reader scripts/goldens/nltk_wordnet.py builds.
        sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "scripts" / "goldens"))
        import nltk_wordnet
        from nltk.translate.meteor_score import meteor_score
        _, keep_folder, reader, _ = nltk_wordnet.nltk_lemmatizer(nltk_wordnet.wordnet_dir(None))  # keep_folder holds the folder
        meteor_score([["warm", "up"]], ["warm", "up"], wordnet=reader)  # loads WordNet before timing

        def meteor_run():
            return sum(meteor_score([a.split(), b.split()], h.split(), wordnet=reader)
                       for h, a, b in zip(h500, ra, rb)) / len(h500)

        ref_seconds, ref_mean = best(meteor_run, args.runs)
        nlp_seconds, got = run_nlp([nlp, "score", "meteor", *jobs, "-f", "json", "--ref", str(tmp / "t.a"), "--ref",
                                    str(tmp / "t.b"), str(tmp / "t.h")], args.runs)
        row("METEOR, 2 references", "NLTK", ref_seconds, nlp_seconds, ref_mean, got["score"])

    if args.pycocoevalcap_parent and "cider" in only:
        sys.path.insert(0, str(args.pycocoevalcap_parent))
        from pycocoevalcap.cider.cider import Cider

        def prep(s):
            return " ".join(s.lower().split())

        gts = {i: [prep(a), prep(b)] for i, (a, b) in enumerate(zip(ra, rb))}
        res = {i: [prep(h)] for i, h in enumerate(h500)}
        ref_seconds, (ref_score, _) = best(lambda: Cider().compute_score(gts, res), args.runs)
        for name, data in (("lh", [res[i][0] for i in range(len(h500))]), ("la", [gts[i][0] for i in range(len(h500))]),
                           ("lb", [gts[i][1] for i in range(len(h500))])):
            (tmp / f"t.{name}").write_text("\n".join(data) + "\n", encoding="utf-8")
        nlp_seconds, got = run_nlp([nlp, "score", "cider", *jobs, "-f", "json", "--ref", str(tmp / "t.la"), "--ref",
                                    str(tmp / "t.lb"), str(tmp / "t.lh")], args.runs)
        row("CIDEr-D, 2 references", "pycocoevalcap", ref_seconds, nlp_seconds, ref_score, got["score"])

    if args.sacrebleu and "paired" in only:
        de_en = args.data / "mt" / "wmt22" / "de-en"
        outs = sorted((de_en / "system-outputs").iterdir())
        ref_a = de_en / "references" / "generaltest2022.de-en.ref.A.en"
        print(f"\npaired tests: {len(outs)} WMT22 de-en systems, baseline {outs[0].name}")
        for test, n in (("--paired-bs", "1000"), ("--paired-ar", "10000")):
            def sacre():
                proc = subprocess.run([sys.executable, "-m", "sacrebleu", str(ref_a), "-i", *map(str, outs), "-l", "de-en",
                                       "-m", "bleu", "chrf", test, "-f", "json"], capture_output=True, text=True,
                                      env={"PYTHONPATH": str(args.sacrebleu), "PATH": "/usr/bin:/bin"})
                if proc.returncode != 0:
                    sys.exit(f"sacrebleu {test} failed: {proc.stderr}")
                return json.loads(proc.stdout)

            ref_seconds, ref_out = best(sacre, 1)
            nlp_seconds, got = run_nlp([nlp, "compare", *jobs, "-f", "json", "--ref", str(ref_a), "--baseline",
                                        str(outs[0]), *map(str, outs[1:]), "--metrics", "bleu,chrf", test, n], args.runs)
            worst = 0.0
            for k, system in enumerate(ref_out[1:], start=1):
                for metric, ours in (("BLEU", "BLEU"), ("chrF2", "chrF2")):
                    worst = max(worst, abs(system[metric]["p_value"] - got["systems"][k]["scores"][ours]["p_value"]))
            print(f"| {test} {n}, BLEU and chrF, {len(outs)} systems | sacreBLEU {ref_seconds:.2f} s (command line) "
                  f"| nlp {nlp_seconds:.3f} s | {ref_seconds / nlp_seconds:.1f}x | largest p-value difference {worst:.1e} |")
        # The target: 1,000 bootstrap resamples of BLEU on a 3,000-segment test set.
        three = tmp / "three.hyp"
        three_ref = tmp / "three.ref"
        three.write_text("\n".join(hyps[:3000]) + "\n", encoding="utf-8")
        three_ref.write_text("\n".join(refs[:3000]) + "\n", encoding="utf-8")
        seconds, _ = run_nlp([nlp, "score", "bleu", *jobs, "-f", "json", "--confidence", "--confidence-n", "1000",
                              "--ref", str(three_ref), str(three)], args.runs)
        print(f"| BLEU with 1,000 bootstrap resamples, 3,000 segments | | nlp {seconds:.3f} s (whole command) | | |")


if __name__ == "__main__":
    main()
