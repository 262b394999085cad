"""Boot cases for the `extfrag` command (mm/extfrag.c): Linux's
extfrag/unusable_index and extfrag/extfrag_index layouts, with every figure
recomputed here from /proc/buddyinfo printed in the same boot (Linux 6.1's
formulas in mm/vmstat.c, written out below), right after boot and after a
stress run that leaves the free lists in another shape."""

import re

REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error"]
ORDERS = 11  # MAX_ORDER


def unusable(counts, order):
    """Thousandths of the free pages in blocks smaller than 2^order (1000 with nothing free)."""
    free = sum(n << o for o, n in enumerate(counts))
    if not free:
        return 1000
    usable = sum(n << o for o, n in enumerate(counts) if o >= order)
    return (free - usable) * 1000 // free


def fragmentation(counts, order):
    """-1000 when a block of the order is free; else 1000 - (1000 + free*1000/2^order) / blocks."""
    blocks = sum(counts)
    if not blocks:
        return 0
    if any(counts[order:]):
        return -1000
    free = sum(n << o for o, n in enumerate(counts))
    return 1000 - (1000 + free * 1000 // (1 << order)) // blocks


def text(v):
    """C's "%d.%03d" of v / 1000 and |v| % 1000 (C division truncates toward zero)."""
    return "%d.%03d" % (int(v / 1000), abs(v) % 1000)


def agree(output):
    problems = []
    buddy = [(m.group(1), [int(x) for x in m.group(2).split()]) for m in
             re.finditer(r"Node 0, zone +(\w+) +((?:\d+ +){%d})\r?\n" % ORDERS, output)]
    blocks = {}
    for m in re.finditer(r"extfrag/(\w+):\r?\n((?:Node 0, zone .*\r?\n)+)", output):
        blocks[m.group(1)] = m.group(2)
    if not buddy or set(blocks) != {"unusable_index", "extfrag_index"}:
        return ["buddyinfo rows %s, extfrag blocks %s" % (buddy, sorted(blocks))]
    for name, fn, width in (("unusable_index", unusable, 1), ("extfrag_index", fragmentation, 2)):
        for zone, counts in buddy:
            want = "Node 0, zone %8s " % zone + "".join(
                "%*s " % (width + 4, text(fn(counts, o))) for o in range(ORDERS))
            if want not in blocks[name].replace("\r", ""):
                problems.append("%s %s: want %r in %r" % (name, zone, want, blocks[name]))
    return problems


def cases(Case, build):
    out = []
    for split in ("3g", "2g"):
        out.append(Case("%s/direct/extfrag-boot" % split, split=split,
                        stdin="cat /proc/buddyinfo\nextfrag\npoweroff\n",
                        expect=[r"extfrag/unusable_index:", r"extfrag/extfrag_index:"],
                        reject=REJECT, order=True, checks=[agree]))
    out.append(Case("3g/direct/extfrag-after-stress", split="3g",
                    stdin="stress 2000\ncat /proc/buddyinfo\nextfrag\npoweroff\n",
                    expect=[r"stress: 2000 operations, 0 errors", r"extfrag/extfrag_index:"],
                    reject=REJECT, order=True, timeout=300, checks=[agree]))
    return out
