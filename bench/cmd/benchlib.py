"""Shared by the command benchmarks: reading the input, timing a reference and an `nlp` command,
comparing token lists and printing the table."""
import argparse
import json
import lzma
import os
import pathlib
import platform
import resource
import subprocess
import sys
import tempfile
import time


def read_input(path, max_bytes):
    """The file's bytes (.xz decompressed), cut after the last whole line within max_bytes."""
    data = lzma.decompress(path.read_bytes()) if path.name.endswith(".xz") else path.read_bytes()
    if max_bytes and len(data) > max_bytes:
        cut = data.rfind(b"\n", 0, max_bytes)
        data = data[: cut + 1] if cut >= 0 else b""
    return data


def split_lines(data):
    lines = data.decode("utf-8").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def describe(args, data, lines, references):
    """Prints the input, the machine and the versions measured."""
    print(f"input: {args.input.name}, {len(lines)} lines, {len(data)} bytes")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.processor() or 'unknown CPU'}; "
          f"Python {platform.python_version()}, {references}")
    version = subprocess.run([str(args.nlp), "--version"], capture_output=True, text=True).stdout
    print(f"nlp: {version.splitlines()[0] if version else 'unknown version'}")


def time_reference(function, lines, repeat):
    """Best wall and CPU seconds of [function(line) for line in lines], and the last result."""
    best_wall = best_cpu = float("inf")
    result = None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = [function(line) for line in lines]
        best_wall = min(best_wall, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    return best_wall, best_cpu, result


def time_command(argv, out, repeat):
    """Best wall and CPU (user + system of the child) seconds of argv with stdout to `out`."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        with open(out, "wb") as sink:
            proc = subprocess.run(argv, stdout=sink, stderr=subprocess.PIPE)
        best_wall = min(best_wall, time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best_cpu = min(best_cpu, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        if proc.returncode != 0:
            sys.exit(f"{' '.join(argv[:2])} failed: {proc.stderr.decode(errors='replace')}")
    return best_wall, best_cpu


def jsonl_tokens(argv, out):
    """Token lists of an untimed run of argv + ['--format', 'jsonl'] (tokens may hold spaces)."""
    with open(out, "wb") as sink:
        proc = subprocess.run(argv + ["-q", "--format", "jsonl"], stdout=sink, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(argv[:2])} --format jsonl failed: {proc.stderr.decode(errors='replace')}")
    return [json.loads(line)["tokens"] for line in pathlib.Path(out).read_text(encoding="utf-8").splitlines()]


def compare(name, lines, expected, got):
    """Number of identical lines; prints the first difference."""
    expected = [list(tokens) for tokens in expected]
    same = sum(1 for e, g in zip(expected, got) if e == g)
    if len(got) != len(expected):
        print(f"{name}: {len(got)} output lines for {len(expected)} input lines")
    elif same != len(expected):
        i = next(i for i, (e, g) in enumerate(zip(expected, got)) if e != g)
        print(f"{name}: first difference at line {i + 1}: {lines[i]!r}\n  reference: {expected[i]}\n  nlp:       {got[i]}")
    return same


def print_table(label, rows, unit="MB/s"):
    """rows: (name, ref_wall_rate, nlp_wall_rate, ref_cpu_rate, nlp_cpu_rate, same, total)."""
    width = max([len(label)] + [len(r[0]) for r in rows])
    ref, ours = f"ref {unit}", f"nlp {unit}"
    print(f"{'':<{width}} {'---------- wall time ----------':>31}  {'---------- CPU time -----------':>31}")
    print(f"{label:<{width}} {ref:>10} {ours:>10} {'ratio':>9}  {ref:>10} {ours:>10} {'ratio':>9}  identical lines")
    for name, ref_wall, nlp_wall, ref_cpu, nlp_cpu, same, total in rows:
        print(f"{name:<{width}} {ref_wall:>10.2f} {nlp_wall:>10.1f} {nlp_wall / ref_wall:>8.1f}x  "
              f"{ref_cpu:>10.2f} {nlp_cpu:>10.1f} {nlp_cpu / ref_cpu:>8.1f}x  {same}/{total}")


def text_tokens(argv, out):
    """Token lists of an untimed run of argv whose text output has a line of space-separated
    tokens per input line."""
    with open(out, "wb") as sink:
        proc = subprocess.run(argv + ["-q"], stdout=sink, stderr=subprocess.PIPE)
    if proc.returncode != 0:
        sys.exit(f"{' '.join(argv[:2])} failed: {proc.stderr.decode(errors='replace')}")
    return [line.split(" ") if line else [] for line in pathlib.Path(out).read_text(encoding="utf-8").split("\n")[:-1]]


def parser_for(doc):
    """An argument parser with the arguments every command benchmark takes."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("nlp", type=pathlib.Path, help="the nlp executable")
    parser.add_argument("input", type=pathlib.Path)
    parser.add_argument("--max-bytes", type=int, default=0, help="use only the first N bytes (whole lines)")
    parser.add_argument("--repeat", type=int, default=3)
    return parser


def run_cases(args, references, label, cases, per_line=False):
    """Times each case (name, reference function, nlp arguments before the input file[, True when
    the command has no JSONL output]) and prints the table; returns the exit status (1 if any
    line differs). With per_line, rates are thousands of input lines (words) per second."""
    data = read_input(args.input, args.max_bytes)
    lines = split_lines(data)
    mb = len(lines) / 1e3 if per_line else len(data) / 1e6
    describe(args, data, lines, references)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        src = pathlib.Path(tmp) / "input.txt"
        src.write_bytes(data)
        out = pathlib.Path(tmp) / "out.txt"
        for name, reference, nlp_args, *text_only in cases:
            ref_wall, ref_cpu, expected = time_reference(reference, lines, args.repeat)
            argv = [str(args.nlp), *nlp_args, str(src)]
            nlp_wall, nlp_cpu = time_command(argv, out, args.repeat)
            got = text_tokens(argv, out) if text_only and text_only[0] else jsonl_tokens(argv, out)
            same = compare(name, lines, expected, got)
            rows.append((name, mb / ref_wall, mb / nlp_wall, mb / ref_cpu, mb / nlp_cpu, same, len(lines)))
    print_table(label, rows, "kw/s" if per_line else "MB/s")
    return 0 if all(r[5] == r[6] for r in rows) else 1
