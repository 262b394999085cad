"""Boot cases for /proc/meminfo (mm/mem_init.c) in both splits: Linux 6.1's
lines in its order and format, and the identity `meminfo-check` verifies
(MemFree + the per-CPU lists + every owner's pages = MemTotal, to the page,
with a walk of mem_map agreeing) right after boot, after vmalloc-test,
slab-test, highmem-test and a short stress run, and with blocks held
through the shell's alloc."""

import re

REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"adds up: no", r"buddy_check: ",
          r"vmalloc_check: ", r"vmalloc: .*refused", r"cmdline: "]

# Linux 6.1's order for the fields printed here; HighTotal..LowFree with CONFIG_HIGHMEM (both splits).
FIELDS = ["MemTotal", "MemFree", "MemAvailable", "Active(anon)", "Inactive(anon)", "Mlocked",
          "HighTotal", "HighFree", "LowTotal", "LowFree", "AnonPages", "Mapped",
          "KReclaimable", "Slab", "SReclaimable", "SUnreclaim", "KernelStack", "PageTables",
          "CommitLimit", "Committed_AS", "VmallocTotal", "VmallocUsed", "VmallocChunk", "Percpu"]


def meminfo_block(values=None):
    """The whole file, one line per field: name and colon padded to 16, the
    number right-aligned in 8, " kB" (Linux's show_val_kb); values pins some."""
    values = values or {}
    lines = []
    for name in FIELDS:
        num = values.get(name, r"\d+")
        lines.append(r"(?=.{24} kB\r?\n)%s: +%s kB\r?\n" % (re.escape(name), num))
    return r"vxmm# cat /proc/meminfo\r?\n" + "".join(lines) + r"(?=vxmm# )"


def check(other=0, tables=r"\d+"):
    """meminfo-check's verdict, with the alloc command's pages in their own term and the
    kernel's own page tables (pages taken from the page allocator) in theirs."""
    return (r"vxmm# meminfo-check\r?\nMemTotal +\d+ pages\r?\n(?:.*\r?\n){3}"
            r"kernel page tables +%s pages\r?\n(?:.*\r?\n){2}"
            r"other \(alloc, mempools\) +%d pages\r?\nprocesses +0 pages\r?\n.*\r?\nmem_map walk: .*\r?\n"
            r"adds up: yes" % (tables, other))


def highmem_test(Case, split, mem=1024):
    """highmem-test takes every free highmem page: right after the exercises
    before it, all of HighMem, whose size the zone formula gives."""
    banks = Case.ram_banks(mem)
    pages = (banks[-1][1] - Case.lowmem_end(split, banks)) // 4096
    if pages == 0:
        return r"vxmm# highmem-test\r?\nhighmem-test: (skipped: )?no highmem\r?\n"
    return r"vxmm# highmem-test\r?\nhighmem-test: %d pages written and verified, \d+ pkmap flushes, 0 errors\r?\n" % pages


def cases(Case, build):
    out = []
    for split, vmalloc_kb in (("3g", 245760), ("2g", 1032192)):
        # Right after boot: nothing is in use but a page of slab and the vmalloc records.
        out.append(Case("%s/direct/meminfo-boot" % split, split=split,
                        stdin="cat /proc/meminfo\nmeminfo-check\npoweroff\n",
                        expect=[meminfo_block({"VmallocTotal": vmalloc_kb, "KReclaimable": 0, "SReclaimable": 0,
                                               "KernelStack": 37, "VmallocUsed": 0, "VmallocChunk": 0,
                                               # a 32 KiB unit (Linux's PCPU_MIN_UNIT_SIZE) for each of the 4 CPUs
                                               "Percpu": 4 * 32}),
                                check()],
                        reject=REJECT, order=True))
        # After each exercise, after stress, and with blocks held through alloc (8 + 1 pages)
        # and a vmalloc area (3 pages).  The page tables vmalloc-test left are kernel tables: meminfo-check
        # counts them in their own term, and PageTables (user page tables, as Linux counts it) stays 0.
        out.append(Case("%s/direct/meminfo-after-tests" % split, split=split,
                        stdin="vmalloc-test\nmeminfo-check\nslab-test\nmeminfo-check\nhighmem-test\n"
                              "meminfo-check\nstress 2000\nmeminfo-check\nalloc 3\nalloc 0 high\n"
                              "vmalloc 10000\nmeminfo-check\ncat /proc/meminfo\npoweroff\n",
                        expect=[r"vmalloc-test: .*; 0 errors", check(),
                                r"slab-test: \d+ checks, 0 errors", check(),
                                highmem_test(Case, split), check(),
                                r"stress: 2000 operations, 0 errors", check(),
                                r"vmalloc: 0x\w+ \(10000 bytes\)", check(other=9, tables=r"[1-9]\d*"),
                                meminfo_block({"PageTables": 0, "Slab": r"[1-9]\d*",
                                               "SUnreclaim": r"[1-9]\d*", "VmallocUsed": 12})],
                        reject=REJECT, order=True, timeout=400))
    return out
