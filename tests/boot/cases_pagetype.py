"""Boot cases for /proc/pagetypeinfo (mm/page_alloc.c): Linux 6.1's layout
(vmstat.c's pagetypeinfo_show, showfree and showblockcount formats) in both
splits right after boot, the pageblock counts per zone from the zone sizes,
and the free counts per type adding up to /proc/buddyinfo's; again after
the slab, vmalloc and stress exercises, with buddycheck clean."""

import re

REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"buddy_check: ", r"cmdline: "]

# Linux 6.1's migratetype_names without CMA, in enum order.
TYPES = ["Unmovable", "Movable", "Reclaimable", "HighAtomic", "Isolate"]
ORDERS = 11                     # MAX_ORDER (CONFIG_ARCH_FORCE_MAX_ORDER)
BLOCK_PAGES = 1 << (ORDERS - 1)  # pageblock_order = MAX_ORDER - 1
NUM = r"\d+"


def header():
    """"Page block order: %d", "Pages per block:  %lu", a blank line, then the
    free table's title: "%-43s " of the title and "%6d " per order."""
    title = "%-43s " % "Free pages count per migrate type at order"
    title += "".join("%6d " % o for o in range(ORDERS))
    return (r"vxmm# cat /proc/pagetypeinfo\r?\nPage block order: %d\r?\nPages per block:  %d\r?\n\r?\n%s\r?\n"
            % (ORDERS - 1, BLOCK_PAGES, re.escape(title)))


def free_row(zone, mtype, counts=None):
    """"Node %4d, zone %8s, type %12s " then "%6lu " per order."""
    counts = counts or [NUM] * ORDERS
    return (re.escape("Node %4d, zone %8s, type %12s " % (0, zone, mtype)) +
            "".join(r"(?=[ \d]{5}\d ) *%s " % c for c in counts) + r"\r?\n")


def blocks_title():
    """A blank line, "%-23s" of "Number of blocks type ", "%12s " per type."""
    return r"\r?\n" + re.escape("%-23s" % "Number of blocks type " + "".join("%12s " % t for t in TYPES)) + r"\r?\n"


def blocks_row(zone, counts):
    """"Node %d, zone %8s " then "%12lu " per type (the widths pin the spacing)."""
    return re.escape("Node %d, zone %8s " % (0, zone)) + "".join(r"(?=[ \d]{11}\d ) *%s " % c for c in counts) + r"\r?\n"


def zone_blocks(Case, split, mem):
    """Pageblocks per populated zone: lowmem and highmem sizes over 4 MiB."""
    banks = Case.ram_banks(mem)
    low = Case.lowmem_end(split, banks)
    zones = [("Normal", (low - banks[0][0]) // (BLOCK_PAGES * 4096))]
    if banks[-1][1] > low:
        zones.append(("HighMem", (banks[-1][1] - low) // (BLOCK_PAGES * 4096)))
    return zones


def whole_file(zones, boot):
    """Every line of the file.  Right after boot (boot=True) exactly one Normal
    pageblock is Unmovable: every block was fed Movable, the first Unmovable
    request found no Unmovable block and fell back to the largest Movable
    block (order 10, a whole pageblock, which it takes over), and the rest
    of boot's unmovable pages fit into it; nothing has touched HighMem."""
    out = header()
    zero = ["0"] * ORDERS
    for zone, _ in zones:
        for t in TYPES:
            counts = None
            if t in ("Reclaimable", "HighAtomic", "Isolate"):
                counts = zero
            if boot and zone == "HighMem":
                counts = zero if t != "Movable" else ["0"] * (ORDERS - 1) + [str(dict(zones)["HighMem"])]
            if boot and zone == "Normal" and t == "Unmovable":
                counts = [NUM] * (ORDERS - 1) + ["0"]
            out += free_row(zone, t, counts)
    out += blocks_title()
    for zone, n in zones:
        if boot:
            counts = ["1", str(n - 1)] if zone == "Normal" else ["0", str(n)]
        else:
            counts = [NUM, NUM]
        out += blocks_row(zone, counts + ["0", "0", "0"])
    return out + r"(?=vxmm# )"


def sums_match(zones):
    """Per zone and order, the free blocks of all types add up to /proc/buddyinfo's
    count, and the pageblocks of all types to the zone's pageblocks."""
    def check(output):
        problems = []
        buddy = dict((m.group(1), [int(x) for x in m.group(2).split()]) for m in
                     re.finditer(r"Node 0, zone +(\w+) +((?:\d+ +){%d})" % ORDERS, output))
        for zone, n in zones:
            rows = [[int(x) for x in m.group(1).split()] for m in
                    re.finditer(r"Node +0, zone +%s, type +\w+ +((?:\d+ +){%d})" % (zone, ORDERS), output)]
            sums = [sum(col) for col in zip(*rows)]
            if len(rows) != len(TYPES) or sums != buddy.get(zone):
                problems.append("%s: pagetypeinfo rows %s sum to %s, buddyinfo says %s" %
                                (zone, rows, sums, buddy.get(zone)))
            m = re.search(r"Node 0, zone +%s +((?:\d+ +){%d})\r?\n" % (zone, len(TYPES)), output)
            if not m or sum(int(x) for x in m.group(1).split()) != n:
                problems.append("%s: block counts %s, the zone has %d pageblocks" %
                                (zone, m and m.group(1), n))
        return problems
    return check


def cases(Case, build):
    out = []
    for split in ("3g", "2g"):
        zones = zone_blocks(Case, split, 1024)
        out.append(Case("%s/direct/pagetypeinfo-boot" % split, split=split,
                        stdin="cat /proc/pagetypeinfo\ncat /proc/buddyinfo\nbuddycheck\npoweroff\n",
                        expect=[whole_file(zones, True), r"buddycheck: 0 problems"],
                        reject=REJECT, order=True, checks=[sums_match(zones)]))
    zones = zone_blocks(Case, "3g", 1024)
    out.append(Case("3g/direct/pagetypeinfo-after-tests", split="3g",
                    stdin="slab-test\nvmalloc-test\nstress 2000\ncat /proc/pagetypeinfo\ncat /proc/buddyinfo\n"
                          "buddycheck\npoweroff\n",
                    expect=[r"slab-test: \d+ checks, 0 errors", r"vmalloc-test: .*; 0 errors",
                            r"stress: 2000 operations, 0 errors", whole_file(zones, False),
                            r"buddycheck: 0 problems"],
                    reject=REJECT, order=True, timeout=400, checks=[sums_match(zones)]))
    return out
