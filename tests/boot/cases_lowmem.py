"""Boot cases for where lowmem ends (issue 11): the 1G/3G split booted like
the others, and the Zone ranges of every split against the Linux 6.1 rule
for vmalloc= from 16M to each split's largest and for mem= in each form
Linux accepts (size, size@start, repeated).  Every expected figure is
computed here from the rules, never read from the kernel:

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


def cases(Case, build):
    return split_cases(Case) + vmalloc_cases(Case) + mem_cases(Case, build)
