"""Boot cases for the memory models (mm/memmap.c, docs/memory-models.md):
RAM with holes in FLATMEM (3g) and SPARSEMEM (3g-sparse), /proc/iomem, and
bank layouts the device tree can get wrong.  Every figure is computed here
from the banks:

    FLATMEM   mem_map = one struct page per pfn from the first RAM pfn to the last
    SPARSEMEM mem_map = 65536 struct pages (a 256 MiB section, ARM Linux's
              SECTION_SIZE_BITS 28) for each section that holds any RAM
    present   = RAM pages; spanned = end pfn - start pfn of the zone
    lowmem    = Linux's adjust_lowmem_bounds over the banks (boot_tests.py)"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bad-input"))
import corpus  # noqa: E402  (tests/bad-input/corpus.py: dtc over our dts with a /memory override)

MIB = 1 << 20
PAGE = 4096
SECTION = 256 * MIB
PHYS_OFFSET = 0x60000000
MODELS = {"3g": "FLATMEM", "3g-sparse": "SPARSEMEM"}
REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"fdt: .*(ignored|not used|dropped)",
          r"cmdline: ", r"buddy_check: ", r"adds up: no"]
BUDDYCHECK_OK = r"vxmm# buddycheck\r?\nbuddycheck: 0 problems\r?\n"

# [start, end) of each bank, in device-tree order.
HOLE = [(0x60000000, 0x70000000), (0x90000000, 0xa0000000)]      # 512 MiB hole: sections 7 and 8 empty
RAGGED = [(0x60000000, 0x68000000), (0x80000000, 0x84000000)]    # section 7 empty, 6 and 8 part-filled, all lowmem
UNSORTED = [(0x90000000, 0xa0000000), (0x60000000, 0x70000000)]  # Linux sorts banks; so does memblock


def dtb(build, name, banks):
    out = os.path.join(build, "results", "memmodel")
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, name + ".dtb")
    corpus.dtc(corpus.memory(" ".join("0x%08x 0x%08x" % (s, e - s) for s, e in banks)), path)
    return path


def map_figures(model, banks):
    """(struct pages, present pages, sections with RAM) for the banks."""
    first, end = min(s for s, _ in banks) // PAGE, max(e for _, e in banks) // PAGE
    sections = {n for s, e in banks for n in range(s // SECTION, (e - 1) // SECTION + 1)}
    present = sum(e - s for s, e in banks) // PAGE
    pages = len(sections) * SECTION // PAGE if model == "SPARSEMEM" else end - first
    return pages, present, len(sections)


def mem_map_check(model, banks):
    """The mem_map line says the figures computed here; its KiB are the pages
    times a struct page of a word-multiple size, at most 32 bytes (mm_types.h)."""
    pages, present, sections = map_figures(model, banks)
    tail = r"\(SPARSEMEM: %d sections\)" % sections if model == "SPARSEMEM" else r"\(FLATMEM\)"
    line = r"mem_map: %d pages for %d present pages, (\d+) KiB %s" % (pages, present, tail)

    def check(output):
        m = re.search(line, output)
        if not m:
            return ["no line matching %r" % line]
        kib = int(m.group(1))
        if not any(kib == pages * size // 1024 for size in range(16, 33, 4)):
            return ["mem_map: %d KiB is no whole struct page size for %d pages" % (kib, pages)]
        return []
    return check


def zoneinfo(split, Case, banks):
    """spanned and present of Normal and HighMem, from the banks and the lowmem end."""
    srt = sorted(banks)
    low = Case.lowmem_end(split, srt)
    zones = [("Normal", srt[0][0], low), ("HighMem", low, srt[-1][1])]
    out = []
    for name, start, end in zones:
        present = sum(max(0, min(e, end) - max(s, start)) for s, e in srt) // PAGE
        out.append(r"Node 0, zone +%s\r?\n(?:.*\r?\n)*?        spanned  %d\r?\n        present  %d\r?\n"
                   % (name, max(0, end - start) // PAGE, present))
    return out


def iomem(banks, sym, page_offset):
    """Linux's /proc/iomem: one System RAM line per merged bank, the image nested under its bank."""
    pa = lambda name: sym[name] - page_offset + PHYS_OFFSET  # noqa: E731
    code, data = (pa("_text"), pa("__init_begin") - 1), (pa("_sdata"), pa("_end") - 1)
    text = r"vxmm# cat /proc/iomem\r?\n"
    for s, e in merged_banks(banks):
        text += r"%08x-%08x : System RAM\r?\n" % (s, e - 1)
        for (a, b), name in ((code, "Kernel code"), (data, "Kernel data")):
            if s <= a and b < e:
                text += r"  %08x-%08x : %s\r?\n" % (a, b, name)
    return text + r"vxmm# "


def merged_banks(banks):
    out = []
    for s, e in sorted(banks):
        if out and out[-1][1] == s:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def symbols(vmlinux):
    if not os.path.exists(vmlinux):
        return None
    out = subprocess.run(["arm-none-eabi-nm", vmlinux], stdout=subprocess.PIPE, universal_newlines=True,
                         check=True).stdout
    return {f[2]: int(f[0], 16) for f in (line.split() for line in out.splitlines()) if len(f) == 3}


def memory_map(Case, split, banks):
    """Case.memory_map for banks in device-tree order: the bank lines as given, the rest from the sorted banks."""
    expect, checks = Case.memory_map(split, sorted(banks))
    lines = [r"fdt: memory bank %d: \[mem 0x%08x-0x%08x\] %d MiB\r?\n" % (i, s, e - 1, (e - s) // MIB)
             for i, (s, e) in enumerate(banks)]
    return lines + expect[len(banks):], checks


def layout_case(Case, build, split, name, banks):
    """Boot with these banks: the mem_map cost, the zones, buddycheck, meminfo-check, /proc/iomem, MemTotal."""
    model = MODELS[split]
    expect, checks = memory_map(Case, split, banks)
    expect += zoneinfo(split, Case, banks) + [BUDDYCHECK_OK, r"vxmm# meminfo-check\r?\n(?:.*\r?\n)*?adds up: yes"]
    sym = symbols(os.path.join(build, split, "vmlinux"))
    if sym:
        expect.append(iomem(banks, sym, Case.SPLITS[split][0]))
    stdin = "cat /proc/zoneinfo\nbuddycheck\nmeminfo-check\ncat /proc/iomem\n" + Case.MEMORY_MAP_STDIN
    return Case("%s/direct/%s" % (split, name), split=split, dtb=dtb(build, name, banks), stdin=stdin,
                expect=expect, reject=REJECT, checks=checks + [mem_map_check(model, banks)])


def cases(Case, build):
    out = []
    for split in MODELS:
        out.append(layout_case(Case, build, split, "hole", HOLE))
        out.append(layout_case(Case, build, split, "ragged", RAGGED))
        out.append(layout_case(Case, build, split, "unsorted", UNSORTED))
        # The in-kernel tests (buddy, slab, kmalloc's kfree window, vmalloc, highmem) over each hole.
        for name, banks in (("hole", HOLE), ("ragged", RAGGED)):
            out.append(Case("%s/selftest-%s" % (split, name), split=split, dtb=dtb(build, name, banks),
                            bootargs="selftest", stdin="", ktap=True,
                            expect=[r"KTAP version 1", r"# Totals: pass:\d+ fail:0"], reject=REJECT))
        # A hole inside the kernel image: refused with one line, then Linux's panic.
        reason = r"the device tree's memory does not include the kernel"
        out.append(Case("%s/direct/kernel-in-hole" % split, split=split,
                        dtb=dtb(build, "kernel-in-hole", [(0x60000000, 0x60010000), (0x60100000, 0x80000000)]),
                        stdin="", expect=[r"fdt: no memory bank holds the running kernel at 0x60008000-0x[0-9a-f]{8}",
                                          r"Kernel panic - not syncing: %s" % reason],
                        reject=[r"mem_map: ", r"Unable to handle"]))
        # Overlapping banks: the overlap dropped with one line, the rest used.
        expect, checks = memory_map(Case, split, [(0x60000000, 0x80000000), (0x80000000, 0x90000000)])
        out.append(Case("%s/direct/overlapping-banks" % split, split=split,
                        dtb=dtb(build, "overlapping", [(0x60000000, 0x80000000), (0x70000000, 0x90000000)]),
                        stdin=Case.MEMORY_MAP_STDIN, checks=checks,
                        expect=[r"fdt: /memory@60000000 bank 1 \[0x70000000-0x8fffffff\] overlaps an earlier bank; "
                                r"the overlap is dropped"] + expect,
                        reject=REJECT[:3] + [r"fdt: .*ignored"]))
    # SPARSEMEM through U-Boot, 1 GiB in two banks: no hole, four sections, as many struct pages as FLATMEM.
    out.append(Case("3g-sparse/uboot/zones", split="3g-sparse", boot="uboot", stdin="buddycheck\npoweroff\n",
                    expect=[r"Zone ranges:"] + Case.zone_ranges("3g-sparse", 1024) + [BUDDYCHECK_OK],
                    reject=REJECT, checks=[mem_map_check("SPARSEMEM", [(0x60000000, 0xa0000000)])]))
    out.append(Case("3g-sparse/selftest", split="3g-sparse", bootargs="selftest", stdin="", ktap=True,
                    expect=[r"KTAP version 1", r"# Totals: pass:\d+ fail:0"], reject=REJECT))
    return out
