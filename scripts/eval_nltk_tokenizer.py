#!/usr/bin/env python3
"""Scores NLTK's TreebankWordTokenizer against a UD treebank with `nlp eval tokenize`.

usage: /usr/bin/python3 scripts/eval_nltk_tokenizer.py --gold FILE.conllu [--lang en]
           [--format text|json] [--nlp PATH] [--spans OUT.jsonl]

Each gold sentence text ("# text", or the text rebuilt from the forms and SpaceAfter=No when the
comment is missing, as `nlp eval tokenize` does) is tokenized on its own with
nltk.tokenize.TreebankWordTokenizer().span_tokenize. The spans go to a JSON Lines file, one line
per gold sentence ({"sent_id": ..., "spans": [[begin, end], ...]}, offsets in code points), which
`nlp eval tokenize --system` scores exactly as it scores its own tokenizers (CoNLL 2018 token and
sentence F1; sentence F1 comes from nlp's sentence splitter, NLTK only tokenizes).

When span_tokenize cannot align a token with the text (NLTK rewrites some quotes), the tokens
are aligned one by one and tokens that are not in the text are dropped; their number is printed
on stderr.
Needs Debian's python3-nltk (run with /usr/bin/python3). --nlp defaults to build/cli/nlp in this
repository, else `nlp` on PATH.
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

from nltk.tokenize import TreebankWordTokenizer

ROOT = pathlib.Path(__file__).resolve().parents[1]


def read_conllu(path):
    """Yields (sent_id, text) for every sentence of a CoNLL-U file."""
    sent_id, text, forms, skip_until = "", None, [], 0
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\r\n")
            if not line:
                if forms or text is not None:
                    yield sent_id, text if text is not None else rebuild(forms)
                sent_id, text, forms, skip_until = "", None, [], 0
                continue
            if line.startswith("#"):
                if line.startswith("# sent_id ="):
                    sent_id = line.split("=", 1)[1].strip()
                elif line.startswith("# text ="):
                    text = line.split("=", 1)[1][1:] if line.startswith("# text = ") else ""
                continue
            cols = line.split("\t")
            if "." in cols[0]:
                continue
            space = "SpaceAfter=No" not in cols[9].split("|") if len(cols) > 9 else True
            if "-" in cols[0]:
                skip_until = int(cols[0].split("-")[1])
                forms.append((cols[1], space))
            elif int(cols[0]) > skip_until:
                forms.append((cols[1], space))
    if forms or text is not None:
        yield sent_id, text if text is not None else rebuild(forms)


def rebuild(forms):
    out = ""
    for i, (form, space) in enumerate(forms):
        out += form + (" " if space and i + 1 < len(forms) else "")
    return out


def tolerant_spans(tokenizer, text):
    """Spans of the tokens; (spans, dropped tokens)."""
    try:
        return list(tokenizer.span_tokenize(text)), 0
    except ValueError:
        pass
    spans, point, dropped = [], 0, 0
    for tok in tokenizer.tokenize(text):
        candidates = [tok]
        if tok in ("``", "''"):
            candidates += ['"', "''", "``"]
        found = None
        for c in candidates:
            at = text.find(c, point)
            if at >= 0 and (found is None or at < found[0]):
                found = (at, at + len(c))
        if found is None:
            dropped += 1
            continue
        spans.append(found)
        point = found[1]
    return spans, dropped


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", required=True, help="gold CoNLL-U file")
    ap.add_argument("--lang", default="en", help="language passed to nlp (sentence splitter)")
    ap.add_argument("--format", default="text", choices=["text", "json"])
    ap.add_argument("--nlp", help="the nlp executable")
    ap.add_argument("--spans", help="keep the spans in this file (default: a temporary file)")
    args = ap.parse_args()

    nlp = args.nlp
    if nlp is None:
        built = ROOT / "build" / "cli" / "nlp"
        nlp = str(built) if built.exists() else shutil.which("nlp")
    if not nlp:
        sys.exit("eval_nltk_tokenizer.py: no nlp executable; pass --nlp PATH")

    tokenizer = TreebankWordTokenizer()
    out_path = args.spans
    tmp = None
    if out_path is None:
        tmp = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
        out_path = tmp.name
        tmp.close()
    dropped = 0
    try:
        with open(out_path, "w", encoding="utf-8") as out:
            for sent_id, text in read_conllu(args.gold):
                spans, lost = tolerant_spans(tokenizer, text)
                dropped += lost
                out.write(json.dumps({"sent_id": sent_id, "spans": spans}) + "\n")
        if dropped:
            print(f"eval_nltk_tokenizer.py: {dropped} NLTK tokens not found in the text were dropped",
                  file=sys.stderr)
        cmd = [nlp, "eval", "tokenize", "--gold", args.gold, "--system", out_path,
               "--system-id", "nltk-TreebankWordTokenizer", "--lang", args.lang,
               "--format", args.format]
        return subprocess.call(cmd)
    finally:
        if tmp is not None:
            os.unlink(out_path)


if __name__ == "__main__":
    sys.exit(main())
