"""Boot cases for where lowmem ends and what boot leaves (issue 11): the
1G/3G split booted like the others; the Zone ranges of every split against
the Linux 6.1 rule for vmalloc= from 16M to each split's largest and for
mem= in each form Linux accepts (size, size@start, repeated); the Memory:
line, the freeing of .init and /reserved-memory no-map, their figures
computed from the kernel's symbols (nm) and its memblock tables.  Every
expected figure is computed here from the rules, never read from the
kernel's own sums:

    PHYS_OFFSET 0x60000000, VMALLOC_END 0xff800000, VMALLOC_OFFSET 8 MiB
    reserve = vmalloc= (240 MiB if absent), clamped as early_vmalloc does to
              [16 MiB, VMALLOC_END - (PAGE_OFFSET + 32 MiB + VMALLOC_OFFSET)]
    vmalloc limit = VMALLOC_END - reserve - VMALLOC_OFFSET - PAGE_OFFSET + PHYS_OFFSET
    lowmem limit = min(end of RAM, vmalloc limit), rounded down to a page; with
                   banks, adjust_lowmem_bounds's rule: the largest min(bank end,
                   vmalloc limit) of the banks that start below the vmalloc limit
    mem= (early_mem, arm_add_memory): the first discards the device tree's
              banks; each adds [start, start + size), start PHYS_OFFSET without
              @, the start rounded up and the end down to a page."""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bad-input"))
import corpus  # noqa: E402  (tests/bad-input/corpus.py: dtc over our dts)

MIB = 1 << 20
PAGE = 4096
PHYS_OFFSET = 0x60000000
VMALLOC_END = 0xff800000
VMALLOC_OFFSET = 8 * MIB
SPLITS = {"3g": (0xc0000000, "3G/1G"), "2g": (0x80000000, "2G/2G"), "1g": (0x40000000, "1G/3G")}
GOOD_REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"fdt: .*(ignored|not used|dropped)",
               r"cmdline: "]


def reserve_of(split, vmalloc):
    """early_vmalloc's clamp; returns (reserve, the warning Linux prints or None)."""
    page_offset = SPLITS[split][0]
    largest = VMALLOC_END - (page_offset + 32 * MIB + VMALLOC_OFFSET)
    if vmalloc is None:
        return 240 * MIB, None
    if vmalloc < 16 * MIB:
        return 16 * MIB, r"vmalloc area is too small, limiting to 16MiB"
    if vmalloc > largest:
        return largest, r"vmalloc area is too big, limiting to %dMiB" % (largest // MIB)
    return vmalloc, None


def zone_lines(split, banks, vmalloc=None):
    """Linux's Zone ranges and Early memory node ranges lines for these banks."""
    page_offset = SPLITS[split][0]
    reserve, _ = reserve_of(split, vmalloc)
    ram_start, ram_end = banks[0][0], banks[-1][1]
    # adjust_lowmem_bounds: the banks that start below the vmalloc limit, each cut there.
    vmalloc_limit = VMALLOC_END - reserve - VMALLOC_OFFSET - page_offset + PHYS_OFFSET
    limit = max(min(e, vmalloc_limit) for b, e in banks if b < vmalloc_limit)
    limit -= limit % PAGE
    lines = [r"Zone ranges:", r"  Normal   \[mem 0x%016x-0x%016x\]" % (ram_start, limit - 1)]
    lines.append(r"  HighMem  \[mem 0x%016x-0x%016x\]" % (limit, ram_end - 1) if limit < ram_end
                 else r"  HighMem  empty")
    lines.append(r"Early memory node ranges")
    lines += [r"  node   0: \[mem 0x%016x-0x%016x\]" % (b, e - 1) for b, e in banks]
    return lines


def mem_banks(params):
    """The banks early_mem leaves for a list of (size, start or None), merged."""
    banks = []
    for size, start in params:
        start = PHYS_OFFSET if start is None else start
        aligned = -(-start // PAGE) * PAGE
        size = max(0, size - (aligned - start)) // PAGE * PAGE
        if size:
            banks.append([aligned, aligned + size])
    banks.sort()
    merged = [banks[0]]
    for b, e in banks[1:]:
        if b <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([b, e])
    return [tuple(b) for b in merged]


def split_cases(Case):
    """1G/3G boots like the others: help and poweroff through U-Boot and directly, and its self-tests."""
    out = []
    for boot in ("uboot", "direct"):
        expect = [r"Booting vxmm on physical CPU 0x0",
                  r"vxmm version \S+ \(1G/3G split, PAGE_OFFSET 0x40000000\)",
                  r"vxmm# ", r"help\s+list the commands", r"poweroff\s+power the board off", r"reboot: Power down"]
        if boot == "uboot":
            expect = [r"U-Boot 20\d\d", r"Starting kernel"] + expect
        out.append(Case("1g/%s/help" % boot, split="1g", boot=boot, stdin="help\npoweroff\n", expect=expect,
                        reject=GOOD_REJECT, order=True))
    out.append(Case("1g/selftest", split="1g", bootargs="selftest", stdin="",
                    expect=[r"KTAP version 1", r"# Totals: pass:\d+ fail:0"], reject=GOOD_REJECT, ktap=True))
    # version's TASK_SIZE: PAGE_OFFSET - 16 MiB.
    out.append(Case("1g/direct/version", split="1g", stdin="version\npoweroff\n",
                    expect=[r"1G/3G split, PAGE_OFFSET 0x40000000, TASK_SIZE 0x3f000000"], reject=GOOD_REJECT))
    return out


# vmalloc= per split: the smallest, one below it (clamped up), values across the range,
# one not a multiple of a page, the largest, and one above it (clamped down).
VMALLOC_VALUES = {
    "3g": ["16M", "8M", "100000001", "500M", "976M", "4000M"],
    "2g": ["16M", "1500M", "1500000001", "2000M", "4000M"],
    "1g": [None, "16M", "2500M", "3000000001", "3024M", "4000M"],
}


def size_of(text):
    return int(text[:-1]) * MIB if text.endswith("M") else int(text, 0)


def vmalloc_cases(Case):
    out = []
    one_gib = [(PHYS_OFFSET, PHYS_OFFSET + 1024 * MIB)]
    for split, values in VMALLOC_VALUES.items():
        for text in values:
            vm = size_of(text) if text else None
            _, warning = reserve_of(split, vm)
            args = "vmalloc=%s" % text if text else ""
            out.append(Case("%s/direct/lowmem-%s" % (split, args or "default"), split=split, bootargs=args,
                            expect=([warning] if warning else []) + zone_lines(split, one_gib, vm),
                            reject=GOOD_REJECT, order=True))
    return out


# mem= in each form Linux accepts; (split, bootargs, [(size, start or None)], vmalloc=).
MEM_CASES = [
    ("3g", "mem=512M", [(512 * MIB, None)], None),
    ("2g", "mem=700M@0x60000000", [(700 * MIB, 0x60000000)], None),
    ("3g", "mem=128M mem=512M@0x80000000", [(128 * MIB, None), (512 * MIB, 0x80000000)], None),
    ("1g", "mem=256M@0x80000000 mem=256M", [(256 * MIB, 0x80000000), (256 * MIB, None)], None),
    ("3g", "mem=0x10000fff@0x5ffff001 mem=0x5800@0x70000800", [(0x10000fff, 0x5ffff001), (0x5800, 0x70000800)],
     None),
    ("3g", "mem=900M vmalloc=500M", [(900 * MIB, None)], 500 * MIB),
]


def mem_cases(Case, build):
    out = []
    for split, args, params, vm in MEM_CASES:
        out.append(Case("%s/direct/lowmem-%s" % (split, args.replace(" ", ",")), split=split, bootargs=args,
                        expect=zone_lines(split, mem_banks(params), vm), reject=GOOD_REJECT, order=True))
    # The first mem= discards the device tree's banks: a DTB with a hole at
    # 0x70000000-0x7fffffff and mem=512M gives one bank over the hole, as Linux.
    dtb = os.path.join(build, "results", "lowmem", "hole.dtb")
    os.makedirs(os.path.dirname(dtb), exist_ok=True)
    corpus.dtc(corpus.memory("0x60000000 0x10000000 0x80000000 0x10000000"), dtb)
    out.append(Case("3g/direct/lowmem-dt-hole", dtb=dtb,
                    expect=zone_lines("3g", [(0x60000000, 0x70000000), (0x80000000, 0x90000000)]),
                    reject=GOOD_REJECT, order=True))
    out.append(Case("3g/direct/lowmem-dt-hole-mem=512M", dtb=dtb, bootargs="mem=512M",
                    expect=zone_lines("3g", mem_banks([(512 * MIB, None)])), reject=GOOD_REJECT, order=True))
    # Through U-Boot, whose DTB has two banks: mem= in both forms.
    out.append(Case("3g/uboot/lowmem-mem=256M,mem=256M@0x90000000", boot="uboot",
                    bootargs="mem=256M mem=256M@0x90000000",
                    expect=zone_lines("3g", mem_banks([(256 * MIB, None), (256 * MIB, 0x90000000)])),
                    reject=GOOD_REJECT, order=True))
    return out


# ---- the Memory: line, .init and no-map ----------------------------------------------

MEMORY_LINE = (r"Memory: (\d+)K/(\d+)K available \((\d+)K kernel code, (\d+)K rwdata, (\d+)K rodata, "
               r"(\d+)K init, (\d+)K bss, (\d+)K reserved, 0K cma-reserved(?:, (\d+)K highmem)?\)")
# An empty line first: U-Boot can eat the first character of piped input (its Ctrl-C check reads the UART).
CHECK_INPUT = "\nmemblock\ncat /proc/meminfo\nmeminfo-check\npoweroff\n"


def symbols(vmlinux):
    out = subprocess.run(["arm-none-eabi-nm", vmlinux], stdout=subprocess.PIPE, universal_newlines=True,
                         check=True).stdout
    return {f[2]: int(f[0], 16) for f in (line.split() for line in out.splitlines()) if len(f) == 3}


def memblock_tables(output):
    """The memblock dump the shell printed: [(base, end, flags)] of memory and of reserved."""
    got = {"memory": [], "reserved": []}
    for m in re.finditer(r"^ (memory|reserved)\[0x[0-9a-f]+\]\s+\[0x([0-9a-f]+)-0x([0-9a-f]+)\], 0x[0-9a-f]+ bytes "
                         r"flags: 0x([0-9a-f]+)", output, re.M):
        got[m.group(1)].append((int(m.group(2), 16), int(m.group(3), 16) + 1, int(m.group(4), 16)))
    return got["memory"], got["reserved"]


def boot_pages(output, ks, highmem_start):
    """Pages the buddy allocator got at boot, all and in HighMem: memory without
    no-map, less every page a reservation touches; .init was reserved then,
    and memblock no longer holds it after free_initmem."""
    memory, reserved = memblock_tables(output)
    init = set(range(-(-ks["__init_begin"] // PAGE), ks["__init_end"] // PAGE))
    mapped = set()
    for b, e, flags in memory:
        if not flags & 0x4:
            mapped |= set(range(-(-b // PAGE), e // PAGE))
    taken = set(init)
    for b, e, _ in reserved:
        taken |= set(range(b // PAGE, -(-e // PAGE)))
    free = mapped - taken
    return len(free), len([p for p in free if p >= highmem_start // PAGE]), len(init & mapped)


def meminfo_check_terms(output):
    terms = {}
    for name in ("MemFree", "per-CPU lists", "Slab", "kernel page tables", "VmallocUsed", "vmalloc records",
                 r"other \(alloc, mempools\)"):
        m = re.search(r"^%s +(-?\d+) pages" % name, output, re.M)
        terms[name] = int(m.group(1)) if m else None
    return terms


def memory_check(build, split, mem, highmem_start):
    """Check the Memory: line, the Freeing line and MemTotal/MemFree against
    figures computed from vmlinux's symbols and the memblock tables."""
    def check(output):
        problems = []
        sym = symbols(os.path.join(build, split, "vmlinux"))
        page_offset = SPLITS[split][0]
        ks = {k: sym[k] - page_offset + PHYS_OFFSET for k in ("__init_begin", "__init_end")}
        fed, fed_high, init_pages = boot_pages(output, ks, highmem_start)
        m = re.search(MEMORY_LINE, output)
        if not m:
            return ["no Memory: line"]
        want = [fed * 4, mem * 1024, (sym["_etext"] - sym["_text"]) >> 10, (sym["_edata"] - sym["_sdata"]) >> 10,
                (sym["__end_rodata"] - sym["__start_rodata"]) >> 10,
                (sym["__init_end"] - sym["__init_begin"]) >> 10, (sym["__bss_stop"] - sym["__bss_start"]) >> 10,
                mem * 1024 - fed * 4, fed_high * 4]
        names = ["available", "total", "kernel code", "rwdata", "rodata", "init", "bss", "reserved", "highmem"]
        for name, got, exp in zip(names, m.groups(), want):
            if got is not None and int(got) != exp:
                problems.append("Memory: %s %sK, expected %dK" % (name, got, exp))
        freeing = re.search(r"Freeing unused kernel image \(initmem\) memory: (\d+)K", output)
        if not freeing or int(freeing.group(1)) != init_pages * 4 or init_pages == 0:
            problems.append("Freeing line %r, expected %dK" % (freeing and freeing.group(0), init_pages * 4))
        total = re.search(r"^MemTotal: +(\d+) kB", output, re.M)
        if not total or int(total.group(1)) != (fed + init_pages) * 4:
            problems.append("MemTotal %s kB, expected the boot's %d pages and .init's %d: %d kB"
                            % (total and total.group(1), fed, init_pages, (fed + init_pages) * 4))
        terms = meminfo_check_terms(output)
        if None in terms.values() or sum(terms.values()) != fed + init_pages:
            problems.append("MemFree and the pages in use since boot %s add up to %s, not %d (boot + .init)"
                            % (terms, None in terms.values() or sum(terms.values()), fed + init_pages))
        return problems
    return check


NOMAP_DTS = ("/ { reserved-memory { #address-cells = <1>; #size-cells = <1>; ranges;"
             " fb@7f000000 { reg = <0x7f000000 0x800000>; no-map; };"
             " buf@7e000000 { reg = <0x7e000000 0x100000>; }; }; };")


def memory_cases(Case, build):
    out = []
    for split, boot, highmem_start in (("3g", "direct", 0x90000000), ("3g", "uboot", 0x90000000),
                                       ("1g", "direct", 0xa0000000)):
        # Freed .init is plain lowmem: writable, never executed (the image must be built to know where).
        vmlinux = os.path.join(build, split, "vmlinux")
        init = symbols(vmlinux)["__init_begin"] if os.path.exists(vmlinux) else 0
        c = Case("%s/%s/memory-line-and-initmem" % (split, boot), split=split, boot=boot,
                 stdin="\npt 0x%x" % init + CHECK_INPUT,
                 expect=[r"buddy: HighMem fed", MEMORY_LINE, r"Virtual kernel memory layout:",
                         r"Freeing unused kernel image \(initmem\) memory: \d+K", r"vxmm# ",
                         r"va 0x%08x: [^\n]*\n[^\n]*4 KiB page -> pa 0x%08x, normal, write-back write-allocate, kernel RW, "
                         r"never execute" % (init, init - SPLITS[split][0] + PHYS_OFFSET)],
                 reject=GOOD_REJECT, order=True)
        c.check = memory_check(build, split, 1024, highmem_start)
        out.append(c)
    # no-map: memory (flags 0x4), not reserved, not mapped at 0xdf000000-0xdf7fffff, not managed.
    dtb = os.path.join(build, "results", "lowmem", "nomap.dtb")
    os.makedirs(os.path.dirname(dtb), exist_ok=True)
    corpus.dtc(NOMAP_DTS, dtb)
    c = Case("3g/direct/reserved-memory-no-map", dtb=dtb,
             stdin="pt 0xdf000000\npt 0xdf7ff000\npt 0xdf800000\npt 0xde000000\n" + CHECK_INPUT,
             expect=[r"va 0xdf000000: L1\[3568\] at 0x\w+ = 0x00000000: fault \(not mapped\)",
                     r"va 0xdf7ff000: L1\[3575\] at 0x\w+ = 0x00000000: fault \(not mapped\)",
                     r"va 0xdf800000: .*-> pa 0x7f800000",
                     r"va 0xde000000: .*-> pa 0x7e000000",
                     r" memory\[0x1\]\s+\[0x7f000000-0x7f7fffff\], 0x00800000 bytes flags: 0x4",
                     r" reserved\[0x\d\]\s+\[0x7e000000-0x7e0fffff\]"],
             reject=GOOD_REJECT + [r" reserved\[0x\d\]\s+\[0x7f0"], order=True)
    c.check = memory_check(build, "3g", 1024, 0x90000000)
    out.append(c)
    return out


def cases(Case, build):
    return split_cases(Case) + vmalloc_cases(Case) + mem_cases(Case, build) + memory_cases(Case, build)
