"""Boot cases for vmalloc (mm/vmalloc.c, mm/cmd_vmalloc.c): the write-every-byte
exercise in both splits, the board's static device map shown as the first
/proc/vmallocinfo areas, meminfo's VmallocUsed, and a write one byte past an
area stopped by its guard page with the area named."""

GOOD_REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"vmalloc: .*refused",
               r"vmalloc_check: "]


def cases(Case, build):
    out = []
    # vmalloc_start for 1 GiB: 0xf0800000 (3G/1G) and 0xc0800000 (2G/2G).
    for split, start in (("3g", "0xf0800000"), ("2g", "0xc0800000")):
        out.append(Case("%s/direct/vmalloc-test" % split, split=split,
                        stdin="vmalloc-test\ncat /proc/vmallocinfo\npoweroff\n",
                        expect=[r"vmalloc-test: 10 areas, 17435 pages \(\d+ highmem\) written and checked; "
                                r"free pages back to \d+ \(page tables kept \d+ pages\); 0 errors",
                                # nothing left behind but the static map
                                r"vxmm# cat /proc/vmallocinfo\r?\n0xff600000-0xff700000 1048576 v2m-periph "
                                r"phys=0x10000000 ioremap\r?\n0xff700000-0xff800000 1048576 a9-private "
                                r"phys=0x1e000000 ioremap\r?\nvxmm# "],
                        reject=GOOD_REJECT, order=True, timeout=400))
        out.append(Case("%s/direct/vmallocinfo" % split, split=split,
                        stdin="vmalloc 10000\ncat /proc/vmallocinfo\ncat /proc/meminfo\npoweroff\n",
                        expect=[r"vmalloc: %s \(10000 bytes\)" % start,
                                r"%s-0x\w+   16384 cmd_vmalloc\+0x[0-9a-f]+/0x[0-9a-f]+ pages=3 vmalloc" % start,
                                r"0xff600000-0xff700000 1048576 v2m-periph phys=0x10000000 ioremap",
                                r"0xff700000-0xff800000 1048576 a9-private phys=0x1e000000 ioremap",
                                r"VmallocUsed:          12 kB"],
                        reject=GOOD_REJECT, order=True))
    # Through U-Boot too: the static areas are there whatever the boot path.
    out.append(Case("3g/uboot/vmallocinfo", boot="uboot", stdin="cat /proc/vmallocinfo\npoweroff\n",
                    expect=[r"0xff600000-0xff700000 1048576 v2m-periph phys=0x10000000 ioremap",
                            r"0xff700000-0xff800000 1048576 a9-private phys=0x1e000000 ioremap"],
                    reject=GOOD_REJECT, order=True))
    # One byte past an 8 KiB area (after a 5000-byte one): the guard page faults and names the area.
    out.append(Case("3g/direct/vmalloc-overrun", stdin="vmalloc 5000\nvmalloc-overrun\n",
                    expect=[r"vmalloc-overrun: writing one byte past \[0xf0803000-0xf0805000\]",
                            r"Unable to handle kernel paging request at virtual address f0805000 when write",
                            r"translation fault \(page\)",
                            r"vmalloc: fault in the guard page after \[0xf0803000-0xf0805000\] "
                            r"\(8192 bytes, caller 0x[0-9a-f]{8}\)",
                            r"Kernel panic - not syncing: Fatal exception"],
                    reject=[r"the write did not fault"], order=True))
    return out
