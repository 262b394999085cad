"""Boot cases for the kernel's address space (arch/arm/mmu.c, the lowmem rule,
the static device map): the zones Linux 6.1 gives for vmalloc= from the
smallest to the largest reserve, the board still working wherever the
lowmem limit ends, banks that end inside a section, a kernel loaded above
the start of RAM, and head.S's identity map gone in every split."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "bad-input"))

import corpus  # noqa: E402  (tests/bad-input/corpus.py: dtc over our own dts)

MIB = 1 << 20
PAGE_OFFSET = {"3g": 0xc0000000, "2g": 0x80000000, "1g": 0x40000000}
REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"refused"]


def lowmem_end(split, ram_end, vmalloc_mib):
    """Linux 6.1 (arch/arm/mm/mmu.c): vmalloc= clamped to [16M, VMALLOC_END -
    (PAGE_OFFSET + 32M + 8M)], lowmem up to VMALLOC_END - reserve - 8M, then
    the physical address of that, never past the end of RAM."""
    po = PAGE_OFFSET[split]
    reserve = min(max(vmalloc_mib * MIB, 16 * MIB), 0xff800000 - (po + 32 * MIB + 8 * MIB))
    return min(ram_end, 0xff800000 - reserve - 8 * MIB - po + 0x60000000)


def zone_lines(split, mem, vmalloc_mib):
    ram_end = 0x60000000 + mem * MIB
    limit = lowmem_end(split, ram_end, vmalloc_mib)
    lines = [r"  Normal   \[mem 0x%016x-0x%016x\]" % (0x60000000, limit - 1)]
    if limit < ram_end:
        lines.append(r"  HighMem  \[mem 0x%016x-0x%016x\]" % (limit, ram_end - 1))
    else:
        lines.append(r"  HighMem  empty")
    return lines


def section_line(va, pa):
    """What `pt` prints for a lowmem section: normal memory at pa, never a device."""
    return (r"va 0x%08x: L1\[%d\] at 0x\w+ = 0x\w+: 1 MiB section -> pa 0x%08x, normal, "
            r"write-back write-allocate, kernel RW, never execute" % (va, va >> 20, pa))


def loaded_at(build, split, load_addr):
    """A build folder whose uImage loads the kernel at load_addr instead of RAM + 0x8000
    (the kernel and DTB of build/<split>, wrapped again); its name relative to build."""
    name = os.path.join("results", "addrspace", "%s-at-0x%08x" % (split, load_addr))
    src, dst = os.path.join(build, split), os.path.join(build, name)
    os.makedirs(dst, exist_ok=True)
    if os.path.exists(os.path.join(src, "Image")):
        subprocess.run(["mkimage", "-A", "arm", "-O", "linux", "-T", "kernel", "-C", "none",
                        "-a", "0x%08x" % load_addr, "-e", "0x%08x" % load_addr, "-n", "kernel at 0x%08x" % load_addr,
                        "-d", os.path.join(src, "Image"), os.path.join(dst, "uImage")],
                       check=True, stdout=subprocess.DEVNULL)
        with open(os.path.join(src, "vexpress-v2p-ca9.dtb"), "rb") as f, \
                open(os.path.join(dst, "vexpress-v2p-ca9.dtb"), "wb") as g:
            g.write(f.read())
    return name


def cases(Case, build):
    out = []
    # vmalloc= from Linux's smallest reserve to the largest, 1 GiB: the zones are Linux's, and the
    # lowmem section at 0xf8000000 (where the static device map used to be) is RAM, not peripherals.
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    have_1g = os.path.exists(os.path.join(root, "configs", "vexpress_1g_defconfig"))
    for split in ("3g", "2g") + (("1g",) if have_1g else ()):
        largest = (0xff800000 - (PAGE_OFFSET[split] + 40 * MIB)) // MIB
        for vm in (16, 64, 128, largest):
            stdin = "cat /proc/vmallocinfo\npoweroff\n"
            expect = [r"Zone ranges:"] + zone_lines(split, 1024, vm)
            if lowmem_end(split, 0x60000000 + 1024 * MIB, vm) > 0xf8100000 - PAGE_OFFSET[split] + 0x60000000:
                stdin = "pt 0xf8000000\n" + stdin
                expect.append(section_line(0xf8000000, 0xf8000000 - PAGE_OFFSET[split] + 0x60000000))
            expect += [r"v2m-periph phys=0x10000000 ioremap", r"a9-private phys=0x1e000000 ioremap",
                       r"reboot: Power down"]
            out.append(Case("%s/direct/addrspace-vmalloc=%dM" % (split, vm), split=split,
                            bootargs="vmalloc=%dM" % vm, stdin=stdin, expect=expect,
                            reject=REJECT + [r"vmalloc area is too"], order=True))

    # Bank 0 ends inside a 1 MiB section and nothing free lies above it in lowmem: the page
    # tables for that partial section must come from memory below it, already mapped.
    dtb_dir = os.path.join(build, "results", "addrspace")
    os.makedirs(dtb_dir, exist_ok=True)
    odd = os.path.join(dtb_dir, "bank-ends-mid-section.dtb")
    corpus.dtc(corpus.memory("0x60000000 0x0ff80000 0x70000000 0x80000"), odd)
    out.append(Case("3g/direct/addrspace-bank-ends-mid-section", dtb=odd,
                    stdin="buddycheck\npoweroff\n",
                    expect=[r"  Normal   \[mem 0x0000000060000000-0x000000007007ffff\]",
                            r"vxmm# ", r"reboot: Power down"],
                    reject=REJECT, order=True))

    # Loaded 1 MiB above the start of RAM: PHYS_OFFSET is 0x60100000, the RAM below it is
    # clipped (Linux's MIN_MEMBLOCK_ADDR) and not mapped below PAGE_OFFSET, in the pkmap window.
    # Lowmem: 0xff800000 - 240M - 8M - 0xc0000000 + 0x60100000 = 0x90100000.
    out.append(Case("3g/direct/addrspace-loaded-above-ram-start", split=loaded_at(build, "3g", 0x60108000),
                    stdin="pt 0xbff00000\npt 0xc0000000\npoweroff\n",
                    expect=[r"fdt: memory bank 0: \[mem 0x60000000-0x600fffff\] lies below the kernel's "
                            r"PHYS_OFFSET 0x60100000; ignored",
                            r"  Normal   \[mem 0x0000000060100000-0x00000000900fffff\]",
                            r"  HighMem  \[mem 0x0000000090100000-0x000000009fffffff\]",
                            r"  node   0: \[mem 0x0000000060100000-0x000000009fffffff\]",
                            r"va 0xbff00000: L1\[3071\] .*\r?\n(.*\r?\n)?.*fault \(not mapped\)",
                            r"va 0xc0000000: L1\[3072\] .*\r?\n.*pa 0x60100000",
                            r"reboot: Power down"],
                    reject=[r"Kernel panic", r"Unable to handle", r"Internal error"], order=True))

    # 1G/3G with 256 MiB: lowmem ends at 0x50000000, so head.S's identity section at 0x60000000
    # lies inside the vmalloc area; paging_init must clear it (and the DTB window) like Linux.
    if have_1g:
        out.append(Case("1g/direct/addrspace-identity-map-gone", split="1g", mem=256,
                        stdin="pt 0x60000000\npt 0xff800000\npt 0x40000000\npoweroff\n",
                        expect=[r"  Normal   \[mem 0x0000000060000000-0x000000006fffffff\]",
                                r"va 0x60000000: L1\[1536\] at 0x\w+ = 0x00000000: fault \(not mapped\)",
                                r"va 0xff800000: L1\[4088\] at 0x\w+ = 0x00000000: fault \(not mapped\)",
                                r"va 0x40000000: L1\[1024\] .*\r?\n.*pa 0x60000000",
                                r"reboot: Power down"],
                        reject=REJECT, order=True))
        out.append(Case("1g/selftest-mem256", split="1g", mem=256, bootargs="selftest", stdin="",
                        expect=[r"KTAP version 1", r"# Totals: pass:\d+ fail:0"], reject=REJECT, ktap=True))
    return out
