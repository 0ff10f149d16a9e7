#!/usr/bin/env python3
"""Reference tokenizers on text files: golden tokens and digests for the treebank and word
tokenizers (NLTK, tests/golden/nltk/) and the regex tokenizer (scikit-learn, tests/golden/sklearn/).

usage: /usr/bin/python3 scripts/goldens/reference_tokenizers.py [--tool nltk|sklearn]
           [--out-dir DIR] [--tokens | --digests] [--block-lines N] INPUT...

Each INPUT is read as a list of texts according to its name:
  *.conllu   the sentence texts ("# text = " comment lines)
  *.xz       the lines of the xz-decompressed file
  *.esc      one text per line with escapes (see below); lines starting with "#" and empty lines
             are skipped
  otherwise  the lines of the file
Lines are split on "\\n" only, so "\\r", U+2028 and friends stay inside a text; a final newline
does not start another text. Files must be UTF-8.

Escapes in *.esc: \\\\ \\n \\r \\t \\s (space) \\xHH \\uHHHH \\UHHHHHHHH, and \\e (nothing: a line
that is just \\e is the empty text).

For every input and each tokenizer of the tool
  nltk (default):
    treebank     TreebankWordTokenizer().tokenize(text)
    treebank-cp  TreebankWordTokenizer().tokenize(text, convert_parentheses=True)
    word         NLTKWordTokenizer().tokenize(text)   (= word_tokenize(text, preserve_line=True))
    word-cp      NLTKWordTokenizer().tokenize(text, convert_parentheses=True)
  sklearn:
    regex        CountVectorizer().build_tokenizer()(text)   (token_pattern (?u)\b\w\w+\b)
it writes into DIR (default: tests/golden/TOOL in this script's repository) either
  NAME.TOKENIZER.tokens  (default except for *.xz): a header line, then one line per text with its
                         tokens joined by single spaces (tokens never contain whitespace), or
  NAME.TOKENIZER.digest  (default for *.xz): a header line, then per block of N texts (default
                         1000) "FIRST COUNT TOKENS SHA256", and a last line "all COUNT TOKENS
                         SHA256". SHA256 is the digest of the block's token lines as in a .tokens
                         file (UTF-8, each ending in "\\n").
NAME is the input's file name without .conllu, .xz, .txt or .esc. The header line is
  #nlp-golden tool=TOOL-VERSION tokenizer=TOKENIZER input=FILE kind=KIND texts=N input_sha256=HEX
with the sha256 of the (decompressed) input bytes.
"""
import argparse
import hashlib
import lzma
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]


def nltk_tokenizers():
    """(version, {name: function text -> tokens})"""
    import nltk
    from nltk.tokenize import NLTKWordTokenizer, TreebankWordTokenizer

    treebank, word = TreebankWordTokenizer(), NLTKWordTokenizer()
    return nltk.__version__, {
        "treebank": lambda text: treebank.tokenize(text),
        "treebank-cp": lambda text: treebank.tokenize(text, convert_parentheses=True),
        "word": lambda text: word.tokenize(text),
        "word-cp": lambda text: word.tokenize(text, convert_parentheses=True),
    }


def sklearn_tokenizers():
    import sklearn
    from sklearn.feature_extraction.text import CountVectorizer

    return sklearn.__version__, {"regex": CountVectorizer().build_tokenizer()}


TOOLS = {"nltk": nltk_tokenizers, "sklearn": sklearn_tokenizers}


def unescape(line, where):
    out = []
    i = 0
    simple = {"\\": "\\", "n": "\n", "r": "\r", "t": "\t", "s": " ", "e": ""}
    widths = {"x": 2, "u": 4, "U": 8}
    while i < len(line):
        c = line[i]
        if c != "\\":
            out.append(c)
            i += 1
            continue
        if i + 1 >= len(line):
            sys.exit(f"{where}: a lone backslash ends the line")
        e = line[i + 1]
        if e in simple:
            out.append(simple[e])
            i += 2
        elif e in widths:
            digits = line[i + 2:i + 2 + widths[e]]
            if len(digits) != widths[e]:
                sys.exit(f"{where}: \\{e} needs {widths[e]} hex digits")
            out.append(chr(int(digits, 16)))
            i += 2 + widths[e]
        else:
            sys.exit(f"{where}: unknown escape \\{e}")
    return "".join(out)


def split_lines(text):
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_texts(path):
    """Returns (name, kind, texts, raw bytes)."""
    name = path.name
    if name.endswith(".xz"):
        raw = lzma.decompress(path.read_bytes())
        name = name[:-3]
        kind = "lines"
        texts = split_lines(raw.decode("utf-8"))
    else:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
        if name.endswith(".conllu"):
            kind = "conllu-text"
            prefix = "# text = "
            texts = [line[len(prefix):] for line in split_lines(text) if line.startswith(prefix)]
        elif name.endswith(".esc"):
            kind = "escaped"
            texts = []
            for number, line in enumerate(split_lines(text), 1):
                if line == "" or line.startswith("#"):
                    continue
                texts.append(unescape(line, f"{path}:{number}"))
        else:
            kind = "lines"
            texts = split_lines(text)
    for suffix in (".conllu", ".txt", ".esc"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name, kind, texts, raw


def token_line(tokenize, text):
    return " ".join(tokenize(text)) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("inputs", nargs="+", type=pathlib.Path)
    parser.add_argument("--tool", choices=sorted(TOOLS), default="nltk")
    parser.add_argument("--out-dir", type=pathlib.Path)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--tokens", action="store_true", help="write .tokens files for every input")
    mode.add_argument("--digests", action="store_true", help="write .digest files for every input")
    parser.add_argument("--block-lines", type=int, default=1000)
    args = parser.parse_args()
    version, tokenizers = TOOLS[args.tool]()
    if args.out_dir is None:
        args.out_dir = ROOT / "tests" / "golden" / args.tool
    args.out_dir.mkdir(parents=True, exist_ok=True)

    for path in args.inputs:
        name, kind, texts, raw = read_texts(path)
        digests = args.digests or (not args.tokens and path.name.endswith(".xz"))
        input_sha = hashlib.sha256(raw).hexdigest()
        for tok_name, tokenize in tokenizers.items():
            header = (f"#nlp-golden tool={args.tool}-{version} tokenizer={tok_name} "
                      f"input={path.name} kind={kind} texts={len(texts)} input_sha256={input_sha}\n")
            if digests:
                out = [header]
                whole = hashlib.sha256()
                total = 0
                for first in range(0, len(texts), args.block_lines):
                    block = hashlib.sha256()
                    count = 0
                    chunk = texts[first:first + args.block_lines]
                    for text in chunk:
                        line = token_line(tokenize, text)
                        count += line.count(" ") + 1 if line != "\n" else 0
                        data = line.encode("utf-8")
                        block.update(data)
                        whole.update(data)
                    total += count
                    out.append(f"{first + 1} {len(chunk)} {count} {block.hexdigest()}\n")
                out.append(f"all {len(texts)} {total} {whole.hexdigest()}\n")
                dst = args.out_dir / f"{name}.{tok_name}.digest"
            else:
                out = [header] + [token_line(tokenize, text) for text in texts]
                dst = args.out_dir / f"{name}.{tok_name}.tokens"
            dst.write_bytes("".join(out).encode("utf-8"))
            print(f"{args.tool} {version}: {path.name}: {len(texts)} texts -> {dst}",
                  file=sys.stderr)


if __name__ == "__main__":
    main()
