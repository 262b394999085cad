#!/usr/bin/env python3
"""make bench-host: run the host benchmark (tests/bench/host_bench.c) under
valgrind --tool=callgrind and turn each bench_* function's inclusive
instruction count into instructions per operation.

host_bench prints "host_bench: <figure> <function> <n>" for every
measurement.  The figure is inclusive(function) / n, less the cost per
iteration of bench_empty (an empty loop), as the kernel's figures are less
an empty timed loop; feeding runs once (n = 1) over all free memory and
keeps its whole cost, like the kernel's feed figures.

The callgrind output is read here rather than through callgrind_annotate:
inclusive cost of a function = its own cost lines plus the cost lines that
follow its calls= lines (the callees' inclusive cost).  The bench_*
functions are not recursive, so nothing is counted twice.

Callgrind runs with --separate-callers, so every function is split by the
chain of its callers ("arch_map_range'kmap'bench_kmap_kunmap'main").  That
gives a second figure per operation: the instructions spent in the fake
arch layer of the host tests (tests/host/fake_arch.c: arch_map_range and
friends, which keep a software page table and a record of every call).
The kernel's arch layer writes real descriptors and does real TLB
maintenance, so "less fake arch" is the part of a host figure that
compares with the kernel's.

Usage: callgrind.py <host_bench binary> <output folder>
Writes <output folder>/host_callgrind.json and prints a table.
"""
import json
import os
import re
import subprocess
import sys


# The fake arch layer's entry points (include/arch.h, tests/host/fake_arch.c).
FAKE_ARCH = {"arch_map_range", "arch_unmap_range", "arch_query",
             "arch_ensure_table", "arch_set_pte", "arch_clear_pte",
             "arch_set_pte_flush", "arch_clear_pte_flush",
             "arch_flush_tlb_page", "arch_flush_tlb_range", "arch_flush_tlb_all"}
SEPARATE_CALLERS = 30


def context_costs(path):
    """{caller chain (tuple, callee first): inclusive Ir} from a callgrind output file."""
    names = {}          # compressed "(id)" -> name; fn= and cfn= share one table
    incl = {}
    fn = None
    events = None
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            if line.startswith("events:"):
                events = line.split()[1:]
                continue
            m = re.match(r"^(c?fn)=(\((\d+)\))?\s*(.*)$", line)
            if m:
                key, _, ident, name = m.groups()
                if ident is not None:
                    if name:
                        names[ident] = name
                    name = names[ident]
                if key == "fn":
                    fn = tuple(name.split("'"))
                continue
            c = line[0]
            if c.isdigit() or c in "+-*":
                # A cost line: position (the line number), then one column per event, Ir first.
                # After a calls= line it is the callee's inclusive cost, which counts for fn too.
                parts = line.split()
                if fn is not None and len(parts) > 1:
                    incl[fn] = incl.get(fn, 0) + int(parts[1])
            # calls=, ob=, fl=, fi=, fe=, cob=, cfi=, cfl= and header lines change no function.
    if events is not None and events[0] != "Ir":
        sys.exit("callgrind.py: expected Ir as the first event, got %s" % events)
    return incl


def per_function(contexts, wanted):
    """For each wanted function: (inclusive Ir, Ir of the fake arch calls made under it)."""
    total = dict.fromkeys(wanted, 0)
    arch = dict.fromkeys(wanted, 0)
    for chain, ir in contexts.items():
        if chain[0] in total:
            total[chain[0]] += ir
        if chain[0] in FAKE_ARCH:
            for caller in chain[1:]:
                if caller in FAKE_ARCH:
                    break       # inside another arch call: counted with that one
                if caller in arch:
                    arch[caller] += ir
                    break
    return total, arch


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    binary, outdir = sys.argv[1], sys.argv[2]
    os.makedirs(outdir, exist_ok=True)
    cg_out = os.path.join(outdir, "callgrind.out")
    run = subprocess.run(["valgrind", "--tool=callgrind", "--separate-callers=%d" % SEPARATE_CALLERS,
                          "--callgrind-out-file=" + cg_out, binary],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = run.stdout.decode()
    if run.returncode != 0 or "host_bench: done" not in out:
        sys.exit("bench-host: %s failed (status %d):\n%s\n%s" % (binary, run.returncode, out,
                                                                  run.stderr.decode()[-2000:]))
    wanted = re.findall(r"^host_bench: (\S+) (\S+) (\d+)$", out, re.M)
    total, arch = per_function(context_costs(cg_out), [fn for _, fn, _ in wanted])
    missing = [fn for fn in total if not total[fn]]
    if missing:
        sys.exit("bench-host: no callgrind cost for %s (inlined or renamed?)" % ", ".join(missing))
    empty = 0.0
    for figure, fn, n in wanted:
        if figure == "empty_loop":
            empty = total[fn] / int(n)
    figures, arch_figures = {}, {}
    for figure, fn, n in wanted:
        if figure == "empty_loop":
            continue
        n = int(n)
        figures[figure] = round(total[fn] / n - (empty if n > 1 else 0), 2)
        arch_figures[figure] = round(arch[fn] / n, 2)
    result = {
        "method": "tests/bench/host_bench.c (gcc -m32 -O2 -fno-pie, no sanitizers, the fake arch layer of the host "
                  "tests, 3G/1G at 1024 MiB) under valgrind --tool=callgrind: inclusive Ir of each bench_* function "
                  "/ iterations, less an empty loop's Ir per iteration; feed figures are one feed of all free "
                  "memory. fake_arch: the part of each figure spent in tests/host/fake_arch.c",
        "empty_loop_insns": round(empty, 2),
        "figures": figures,
        "fake_arch": arch_figures,
    }
    with open(os.path.join(outdir, "host_callgrind.json"), "w") as f:
        json.dump(result, f, indent=2, sort_keys=True)
    fmt = "%-32s %16s %16s"
    print(fmt % ("host figure (callgrind)", "x86 -m32 -O2", "of it fake arch"))
    for name in sorted(figures):
        print(fmt % (name, "%.2f" % figures[name], "%.2f" % arch_figures[name]))
    print("wrote %s" % os.path.join(outdir, "host_callgrind.json"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
