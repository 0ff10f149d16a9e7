#!/usr/bin/env python3
"""Writes tests/golden/python/unicode_classes.txt: Python's character classes as code point ranges.

usage: /usr/bin/python3 scripts/goldens/python_unicode_classes.py

Each line is "CLASS FIRST LAST" (hex, inclusive) for CLASS in
  assigned  unicodedata.category(c) != "Cn" (the Unicode version of this Python)
  space     str.isspace()
  word      re's \\w for str patterns (str.isalnum() or "_")
  decimal   re's \\d for str patterns
  numeric   str.isnumeric()
The first line records the Python and Unicode versions.
"""
import pathlib
import re
import sys
import unicodedata

WORD = re.compile(r"\w")
DECIMAL = re.compile(r"\d")

CLASSES = {
    "assigned": lambda c: unicodedata.category(c) != "Cn",
    "space": str.isspace,
    "word": lambda c: WORD.match(c) is not None,
    "decimal": lambda c: DECIMAL.match(c) is not None,
    "numeric": str.isnumeric,
}


def ranges(pred):
    start = None
    for cp in range(0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            inside = False
        else:
            inside = pred(chr(cp))
        if inside and start is None:
            start = cp
        elif not inside and start is not None:
            yield start, cp - 1
            start = None
    if start is not None:
        yield start, 0x10FFFF


def main():
    out = pathlib.Path(__file__).resolve().parents[2] / "tests" / "golden" / "python" / "unicode_classes.txt"
    lines = [f"# python {sys.version.split()[0]} unicode {unicodedata.unidata_version}"]
    for name, pred in CLASSES.items():
        lines += [f"{name} {a:X} {b:X}" for a, b in ranges(pred)]
    out.write_text("\n".join(lines) + "\n", encoding="ascii")
    print(f"{out}: {len(lines) - 1} ranges")


if __name__ == "__main__":
    main()
