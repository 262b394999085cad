# vxmm's GDB commands: the memory-management state read straight from the
# stopped kernel's memory with GDB's Python API (symbols, struct layouts from
# the ELF's DWARF, page tables through their lowmem addresses), never from
# the kernel's own printing.  Load with `source scripts/gdb/vxmm.py` (the
# gdbinit beside this file does).  `help vxmm` lists the commands.
#
# Facts used here (docs/architecture.md, docs/tour.md, include/arch.h, asm/hw.h):
#   the kernel is linked at PAGE_OFFSET + 0x8000 and loaded at RAM start
#   (0x60000000) + 0x8000, entered with the MMU off;
#   short-descriptor L1 entries: bits 1:0 = 00 fault, 01 L2 table, 10 section;
#   L2 small page entries: bit 1 set;
#   struct page flags: PG_reserved 0x1, PG_buddy 0x2, PG_head 0x4, PG_pcp 0x8
#   (include/mm_types.h); the zone is not stored: HighMem from its zone_start_pfn on.

import os
import re
import struct

import gdb


def board_define(name):
    """A hex constant of the board description (boards/vexpress-a9/board.h), where
    the load address is written once."""
    if "__file__" in globals():
        here = os.path.dirname(os.path.abspath(__file__))
    else:
        here = os.environ.get("VXMM_GDB_DIR", os.path.join("scripts", "gdb"))
    with open(os.path.join(here, "..", "..", "boards", "vexpress-a9", "board.h")) as f:
        m = re.search(r"^#define\s+%s\s+(0x[0-9a-fA-F]+)" % name, f.read(), re.M)
    if not m:
        raise gdb.GdbError("boards/vexpress-a9/board.h defines no %s" % name)
    return int(m.group(1), 16)


TEXT_OFFSET = board_define("BOARD_TEXT_OFFSET")              # kernel image at RAM + 32 KiB
BOARD_PHYS_OFFSET = board_define("BOARD_PHYS_OFFSET")        # RAM start of vexpress-a9
LOAD_ADDR = BOARD_PHYS_OFFSET + TEXT_OFFSET                  # the kernel's first instruction
SZ_1M = 1 << 20
SZ_2M = 2 << 20
SZ_16M = 16 << 20
PAGE_SHIFT = 12
PAGE_SIZE = 1 << PAGE_SHIFT
SECTION_SHIFT = 20
VMALLOC_END = 0xff800000
FIXADDR_START = 0xffc80000
FIXADDR_END = 0xfff00000
VECTORS_BASE = 0xffff0000
LAST_PKMAP = 512

PG_reserved = 0x1
PG_buddy = 0x2
PG_head = 0x4
PG_pcp = 0x8


class VxmmError(gdb.GdbError):
    pass


def clear_errors(invoke):
    """Turn a failed memory read into one line instead of a Python traceback."""
    def wrapped(self, arg, from_tty):
        try:
            return invoke(self, arg, from_tty)
        except gdb.MemoryError as e:
            mmu = "" if mmu_enabled() else " (the MMU is off: kernel variables are not reachable yet)"
            raise VxmmError("%s: %s%s" % (self._command, e, mmu))
    return wrapped


# ---- symbols and memory ----------------------------------------------------

def main_objfile():
    """The kernel as first loaded (linked addresses), not a physical copy."""
    name = gdb.current_progspace().filename
    for obj in gdb.objfiles():
        if obj.filename == name:
            return obj
    raise VxmmError("no kernel symbols: start gdb with the vmlinux file")


def find_symbol(name):
    """The kernel's variable or function `name` (global or file static), or None."""
    obj = main_objfile()
    sym = obj.lookup_global_symbol(name) or obj.lookup_static_symbol(name)
    return sym


def var(name):
    sym = find_symbol(name)
    if sym is None:
        raise VxmmError("no symbol %s in this kernel" % name)
    return sym.value()


def addr_of(name):
    sym = find_symbol(name)
    if sym is None:
        raise VxmmError("no symbol %s in this kernel" % name)
    if sym.addr_class == gdb.SYMBOL_LOC_BLOCK:
        return int(sym.value().address) & 0xffffffff
    return int(sym.value().address) & 0xffffffff


def ul(value):
    return int(value) & 0xffffffff


def read_u32(addr):
    try:
        data = gdb.selected_inferior().read_memory(addr, 4)
    except gdb.MemoryError:
        raise VxmmError("cannot read memory at 0x%08x (MMU off, or not mapped?)" % addr)
    return struct.unpack("<I", bytes(data))[0]


def read_u32_array(addr, count):
    try:
        data = gdb.selected_inferior().read_memory(addr, 4 * count)
    except gdb.MemoryError:
        raise VxmmError("cannot read memory at 0x%08x (MMU off, or not mapped?)" % addr)
    return struct.unpack("<%dI" % count, bytes(data))


def page_offset():
    """PAGE_OFFSET: _start is linked at PAGE_OFFSET + 0x8000."""
    return (addr_of("_start") - TEXT_OFFSET) & 0xffffffff


def pv_delta():
    """virtual - physical for lowmem, as head.S stored it (0 before that)."""
    delta = ul(var("arch_pv_delta"))
    if delta == 0:
        raise VxmmError("arch_pv_delta is 0: the kernel has not reached C yet")
    return delta


def parse_number(arg, what):
    arg = arg.strip()
    if not arg:
        raise VxmmError("give a %s" % what)
    try:
        return ul(gdb.parse_and_eval(arg))
    except gdb.error as e:
        raise VxmmError("%s: %s" % (arg, e))


def zones():
    """node_zones[] as a list of gdb.Values."""
    nz = var("node_zones")
    count = nz.type.range()[1] + 1
    return [nz[i] for i in range(count)]


def zone_name(z):
    try:
        return z["name"].string()
    except gdb.error:
        return "?"


def nr_orders(z):
    return z["free_area"].type.range()[1] + 1


# ---- vxmm-phys-symbols -----------------------------------------------------

_phys_copy = None   # load address of the physical symbol copy, if loaded


class PhysSymbols(gdb.Command):
    """Load the kernel's symbols a second time at its physical load address.

Usage: vxmm-phys-symbols [ADDRESS | off]

The kernel starts at its physical load address (default 0x60008000) with
the MMU off, while vmlinux is linked at PAGE_OFFSET + 0x8000.  With the
copy loaded, `break _start` also sets a breakpoint at 0x60008000, and head.S
shows with its symbols and source lines until the MMU is on and it jumps to
the linked address.  The copy is offset by ADDRESS - _start.  `off` removes
it again.  The mm-* commands always use the linked symbols."""

    def __init__(self):
        self._command = "vxmm-phys-symbols"
        super().__init__("vxmm-phys-symbols", gdb.COMMAND_FILES)

    @clear_errors
    def invoke(self, arg, from_tty):
        global _phys_copy
        arg = arg.strip()
        if arg == "off":
            if _phys_copy is None:
                print("vxmm: no physical symbol copy loaded")
                return
            gdb.execute("remove-symbol-file -a 0x%x" % _phys_copy, to_string=True)
            print("vxmm: removed the physical symbol copy at 0x%08x" % _phys_copy)
            _phys_copy = None
            return
        load = parse_number(arg, "load address") if arg else LOAD_ADDR
        if _phys_copy is not None:
            gdb.execute("remove-symbol-file -a 0x%x" % _phys_copy, to_string=True)
            _phys_copy = None
        start = addr_of("_start")
        offset = load - start
        gdb.execute("add-symbol-file %s -o %d" % (main_objfile().filename, offset), to_string=True)
        _phys_copy = load
        print("vxmm: symbols also at the physical load address: _start 0x%08x -> 0x%08x "
              "(offset -0x%08x)" % (start, load, -offset if offset < 0 else offset))


class BreakEntry(gdb.Command):
    """Break at the kernel's first instruction, at its physical load address.

Usage: vxmm-break-entry [ADDRESS]     (default 0x60008000)

The same as `break *0x60008000`.  (`break _start` with the physical symbol
copy loaded stops two instructions later: GDB skips what it takes for a
prologue.)  Through U-Boot too, since QEMU's breakpoints match the program
counter, not the memory contents that U-Boot copies there."""

    def __init__(self):
        super().__init__("vxmm-break-entry", gdb.COMMAND_BREAKPOINTS)

    def invoke(self, arg, from_tty):
        load = parse_number(arg, "load address") if arg.strip() else LOAD_ADDR
        gdb.execute("break *0x%x" % load)


# ---- mm-layout -------------------------------------------------------------

class MmLayout(gdb.Command):
    """The kernel's virtual memory map, from its variables.

Usage: mm-layout

PAGE_OFFSET comes from _start (linked at PAGE_OFFSET + 0x8000); the end of
lowmem from high_memory, the vmalloc start from vmalloc_start, the
physical lowmem limit from arch_lowmem_end (arch/arm/lowmem.c); the rest
follows the Linux 6.1 ARM rules of include/arch.h.  The first lines use the
format of the boot log's "Virtual kernel memory layout"."""

    def __init__(self):
        self._command = "mm-layout"
        super().__init__("mm-layout", gdb.COMMAND_DATA)

    @clear_errors
    def invoke(self, arg, from_tty):
        po = page_offset()
        limit = ul(var("arch_lowmem_end"))
        high = ul(var("high_memory"))
        vstart = ul(var("vmalloc_start"))
        if limit == 0 or vstart == 0:
            raise VxmmError("the lowmem limit is not set yet (adjust_lowmem_bounds has not run)")
        has_pkmap = find_symbol("pkmap") is not None

        def line(name, start, end, unit):
            size = (end - start) >> (10 if unit == "kB" else 20)
            print("    %-8s: 0x%08x - 0x%08x   (%4d %s)" % (name, start, end, size, unit))

        print("Virtual kernel memory layout:")
        line("vector", VECTORS_BASE, VECTORS_BASE + PAGE_SIZE, "kB")
        line("fixmap", FIXADDR_START, FIXADDR_END, "kB")
        line("vmalloc", vstart, VMALLOC_END, "MB")
        line("lowmem", po, high, "MB")
        if has_pkmap:
            line("pkmap", po - SZ_2M, po - SZ_2M + LAST_PKMAP * PAGE_SIZE, "MB")
        line("modules", po - SZ_16M, po - SZ_2M, "MB")
        phys = ul(var("arm_boot_info")["phys_offset"])
        print("PAGE_OFFSET 0x%08x, TASK_SIZE 0x%08x, PHYS_OFFSET 0x%08x"
              % (po, po - SZ_16M, phys))
        print("lowmem: phys 0x%08x-0x%08x (arch_lowmem_end 0x%08x), high_memory 0x%08x"
              % (phys, limit, limit, high))
        print("vmalloc: 0x%08x-0x%08x (vmalloc_start, VMALLOC_END), gap after lowmem %d MiB"
              % (vstart, VMALLOC_END, (vstart - high) >> 20))


# ---- mm-buddyinfo ----------------------------------------------------------

class MmBuddyinfo(gdb.Command):
    """Free blocks per zone and order, in /proc/buddyinfo's format.

Usage: mm-buddyinfo

Read from node_zones[].free_area[].nr_free; zones with no present pages are
left out, as Linux does."""

    def __init__(self):
        self._command = "mm-buddyinfo"
        super().__init__("mm-buddyinfo", gdb.COMMAND_DATA)

    @clear_errors
    def invoke(self, arg, from_tty):
        for z in zones():
            if ul(z["present_pages"]) == 0:
                continue
            counts = "".join("%6d " % ul(z["free_area"][o]["nr_free"]) for o in range(nr_orders(z)))
            print("Node 0, zone %8s %s" % (zone_name(z), counts))


# ---- mm-zones --------------------------------------------------------------

class MmZones(gdb.Command):
    """Each zone: span, present, managed and free pages, watermarks, reserves.

Usage: mm-zones

Counts are pages; the names after each number are those of /proc/zoneinfo."""

    def __init__(self):
        self._command = "mm-zones"
        super().__init__("mm-zones", gdb.COMMAND_DATA)

    @clear_errors
    def invoke(self, arg, from_tty):
        zs = zones()
        for i, z in enumerate(zs):
            start = ul(z["zone_start_pfn"])
            spanned = ul(z["spanned_pages"])
            print("zone %s" % zone_name(z))
            if spanned:
                print("  span      pfn 0x%05x-0x%05x  [mem 0x%08x-0x%08x]"
                      % (start, start + spanned, start << PAGE_SHIFT, ((start + spanned) << PAGE_SHIFT) - 1))
            else:
                print("  span      empty")
            print("  spanned   %d" % spanned)
            print("  present   %d" % ul(z["present_pages"]))
            print("  managed   %d" % ul(z["managed_pages"]))
            print("  free      %d" % ul(z["free_pages"]))
            wm = z["_watermark"]
            print("  min       %d" % ul(wm[0]))
            print("  low       %d" % ul(wm[1]))
            print("  high      %d" % ul(wm[2]))
            res = z["lowmem_reserve"]
            n = res.type.range()[1] + 1
            prot = [ul(res[i]) for i in range(n)]
            # /proc/zoneinfo's Movable column: an empty Movable adds no pages to what lies above.
            prot.append(0 if i == len(zs) - 1 else prot[-1])
            print("  protection: (%s)" % ", ".join(str(v) for v in prot))
            free_blocks = [ul(z["free_area"][o]["nr_free"]) for o in range(nr_orders(z))]
            counted = sum(c << o for o, c in enumerate(free_blocks))
            print("  free_area: %s  (%d pages%s)" % (" ".join(str(c) for c in free_blocks), counted,
                                                     "" if counted == ul(z["free_pages"])
                                                     else ", DIFFERS from free_pages"))
        # Linux's ZONE_MOVABLE, which /proc/zoneinfo shows empty: no struct zone here.
        print("zone Movable\n  span      empty")
        for name in ("spanned", "present", "managed", "free", "min", "low", "high"):
            print("  %-9s %d" % (name, 0))
        print("  protection: (%s)" % ", ".join("0" for _ in range(len(zs) + 1)))


# ---- mm-pt -----------------------------------------------------------------

def mem_type(tex, c, b):
    if tex == 1 and c and b:
        return "normal, write-back write-allocate"
    if tex == 0 and not c and b:
        return "shareable device"
    if tex == 0 and not c and not b:
        return "strongly ordered"
    if tex == 1 and not c and not b:
        return "normal, non-cacheable"
    return "other"


ACCESS = ["no access", "kernel RW", "kernel RW, user RO", "kernel RW, user RW",
          "reserved", "kernel RO", "kernel RO, user RO", "kernel RO, user RO"]


def describe(what, pa, tex, c, b, apx, ap, xn, shared):
    return "%s -> pa 0x%08x, %s, %s%s%s" % (
        what, pa, mem_type(tex, c, b), ACCESS[(1 if apx else 0) << 2 | ap],
        ", never execute" if xn else ", executable", ", shareable" if shared else "")


def sysreg(name):
    """A CP15 register as QEMU's GDB server shows it; the Secure bank (name_S)
    when that one is in use (QEMU's vexpress-a9 runs the kernel Secure), else None."""
    try:
        secure = ul(gdb.parse_and_eval("$%s_S" % name))
    except gdb.error:
        secure = 0
    try:
        plain = ul(gdb.parse_and_eval("$" + name))
    except gdb.error:
        return secure or None
    return secure or plain


def mmu_enabled():
    """SCTLR.M (either bank), when QEMU shows the system registers; else assume on."""
    sctlr = sysreg("SCTLR")
    return True if sctlr is None else bool(sctlr & 1)


def pt_walk(va):
    """Lines describing va's descriptors, in the shell's `pt` format."""
    if mmu_enabled():
        delta = pv_delta()
        pgd_phys = ul(var("arm_boot_info")["pgd_phys"])
    else:
        # head.S, before the MMU is on: the table TTBR0 names, by physical address.
        delta = 0
        pgd_phys = (sysreg("TTBR0_EL1") or 0) & 0xffffc000
        if pgd_phys == 0:
            raise VxmmError("the MMU is off and TTBR0 names no table yet (head.S has not set it)")
        print("(MMU off: the L1 table at TTBR0, pa 0x%08x, read by physical address)" % pgd_phys)
    pgd = (pgd_phys + delta) & 0xffffffff
    idx = va >> SECTION_SHIFT
    l1_addr = pgd + 4 * idx
    l1 = read_u32(l1_addr)
    head = "va 0x%08x: L1[%d] at 0x%08x = 0x%08x: " % (va, idx, l1_addr, l1)
    kind = l1 & 3
    if kind == 0:
        return [head + "fault (not mapped)"]
    if kind == 3:
        return [head + "reserved descriptor type"]
    if kind == 2:
        pa = (l1 & 0xfff00000) | (va & 0x000fffff)
        return [head + describe("1 MiB section", l1 & 0xfff00000, (l1 >> 12) & 7, l1 & (1 << 3),
                                l1 & (1 << 2), l1 & (1 << 15), (l1 >> 10) & 3, l1 & (1 << 4),
                                l1 & (1 << 16)),
                "  => pa 0x%08x" % pa]
    table_pa = l1 & ~0x3ff & 0xffffffff
    l2_idx = (va >> PAGE_SHIFT) & 0xff
    l2_addr = (table_pa + delta + 4 * l2_idx) & 0xffffffff
    l2 = read_u32(l2_addr)
    lines = [head + "L2 table at pa 0x%08x" % table_pa]
    sub = "  L2[%d] at 0x%08x = 0x%08x: " % (l2_idx, l2_addr, l2)
    if not l2 & 2:
        return lines + [sub + "fault (not mapped)"]
    lines.append(sub + describe("4 KiB page", l2 & 0xfffff000, (l2 >> 6) & 7, l2 & (1 << 3), l2 & (1 << 2),
                                l2 & (1 << 9), (l2 >> 4) & 3, l2 & 1, l2 & (1 << 10)))
    lines.append("  => pa 0x%08x" % ((l2 & 0xfffff000) | (va & 0xfff)))
    return lines


class MmPt(gdb.Command):
    """Walk the kernel's page tables for one virtual address.

Usage: mm-pt VA      (any expression: mm-pt 0xc0008000, mm-pt &node_zones)

Reads the L1 table at arm_boot_info.pgd_phys through its lowmem address
(physical + arch_pv_delta), and the L2 table an entry points to, then
decodes each descriptor as the shell's `pt` command does (ARM ARM B3.5.1)."""

    def __init__(self):
        self._command = "mm-pt"
        super().__init__("mm-pt", gdb.COMMAND_DATA)

    @clear_errors
    def invoke(self, arg, from_tty):
        for line in pt_walk(parse_number(arg, "virtual address")):
            print(line)


# ---- mm-page ---------------------------------------------------------------

# SPARSEMEM's layout (include/mm_types.h): 256 MiB sections, each mem_section's
# section_mem_map the address of its struct pages biased by the section's
# first pfn, with bit 0 (SECTION_HAS_MEM_MAP) set when the section has RAM.
PFN_SECTION_SHIFT = 28 - PAGE_SHIFT
SECTION_HAS_MEM_MAP = 0x1
SECTION_MAP_MASK = ~0x3 & 0xffffffff


def sparsemem():
    """Whether the kernel was built with SPARSEMEM: it has mem_section[] (the
    linker drops it from a FLATMEM kernel, which never reads it) and the
    section of min_pfn has a map."""
    if find_symbol("mem_section") is None:
        return False
    try:   # FLATMEM: in the debug information, but no ELF symbol to read it at
        entry = var("mem_section")[ul(var("min_pfn")) >> PFN_SECTION_SHIFT]
        return bool(ul(entry["section_mem_map"]) & SECTION_HAS_MEM_MAP)
    except gdb.error:
        return False


def page_of_pfn(pfn):
    """pfn_to_page as the kernel's memory model does it (include/mm.h)."""
    lo, hi = ul(var("min_pfn")), ul(var("max_pfn"))
    if not lo <= pfn < hi:
        raise VxmmError("pfn 0x%x is outside mem_map [0x%x, 0x%x)" % (pfn, lo, hi))
    if not sparsemem():
        return var("mem_map") + (pfn - lo)
    entry = ul(var("mem_section")[pfn >> PFN_SECTION_SHIFT]["section_mem_map"])
    if not entry & SECTION_HAS_MEM_MAP:
        raise VxmmError("pfn 0x%x is in a section without RAM (SPARSEMEM hole)" % pfn)
    ptype = gdb.lookup_type("struct page")
    addr = ((entry & SECTION_MAP_MASK) + pfn * ptype.sizeof) & 0xffffffff
    return gdb.Value(addr).cast(ptype.pointer())


def pfn_of_page(page):
    """page_to_pfn: the index into mem_map, then (SPARSEMEM) the pfn that run of
    PAGES_PER_SECTION entries starts at (mem_map_slot_pfn, include/mm.h)."""
    index = (ul(page) - ul(var("mem_map"))) // gdb.lookup_type("struct page").sizeof
    if not sparsemem():
        return index + ul(var("min_pfn"))
    slot = ul(var("mem_map_slot_pfn")[index >> PFN_SECTION_SHIFT])
    return slot + (index & ((1 << PFN_SECTION_SHIFT) - 1))


def pkmap_arrays():
    """pkmap.c's per-slot counts and pages (members of its object `pkmap`), or None."""
    sym = find_symbol("pkmap")
    if sym is None:
        return None
    pk = sym.value()
    return (read_u32_array(int(pk["count"].address) & 0xffffffff, LAST_PKMAP),
            read_u32_array(int(pk["page"].address) & 0xffffffff, LAST_PKMAP))


def pkmap_slot_of(page_addr):
    """The pkmap slot holding the page at page_addr, or None."""
    arrays = pkmap_arrays()
    if arrays is None:
        return None
    counts, pages = arrays
    for nr in range(LAST_PKMAP):
        if counts[nr] and pages[nr] == page_addr:
            return nr
    return None


class MmPage(gdb.Command):
    """Decode the struct page of one page frame.

Usage: mm-page PFN   (any expression: mm-page 0x60008, mm-page 0x9ffff)

Shows the struct page of PFN (pfn_to_page of either memory model): flags (PG_reserved,
PG_buddy, PG_head, PG_pcp), the zone (from the pfn), order, refcount and the
lru links, what that state means, and for a tail page the block it belongs
to; the page's physical address and its kernel address (lowmem linear
address, or its pkmap slot while a highmem page is kmapped)."""

    def __init__(self):
        self._command = "mm-page"
        super().__init__("mm-page", gdb.COMMAND_DATA)

    def state(self, flags, order, refcount):
        if flags & PG_reserved:
            return "reserved (never given to the buddy allocator)"
        if flags & PG_pcp:
            return "free: on its zone's per-CPU list (pcp) of order-0 pages"
        if flags & PG_buddy:
            return "free: heads a free block of %d page%s (order %d)" % (1 << order, "s" * (order > 0), order)
        if flags & PG_head:
            return "allocated: heads a block of %d page%s (order %d), %d reference%s" % (
                1 << order, "s" * (order > 0), order, refcount, "s" * (refcount != 1))
        return None

    @clear_errors
    def invoke(self, arg, from_tty):
        pfn = parse_number(arg, "pfn")
        page = page_of_pfn(pfn)
        p = page.dereference()
        flags, order, refcount = ul(p["flags"]), ul(p["order"]), int(p["_refcount"])
        zs = zones()
        zone_idx = 1 if len(zs) > 1 and pfn >= ul(zs[1]["zone_start_pfn"]) else 0
        zname = zone_name(zs[zone_idx])
        names = [n for bit, n in ((PG_reserved, "reserved"), (PG_buddy, "buddy"), (PG_head, "head"),
                                  (PG_pcp, "pcp")) if flags & bit]
        other = flags & ~(PG_reserved | PG_buddy | PG_head | PG_pcp)
        if other:
            names.append("unknown bits 0x%x" % other)
        page_addr = ul(page)
        index = (page_addr - ul(var("mem_map"))) // gdb.lookup_type("struct page").sizeof
        print("pfn 0x%05x: struct page at 0x%08x (mem_map[%d]%s)"
              % (pfn, page_addr, index, ", SPARSEMEM section %d" % (pfn >> PFN_SECTION_SHIFT) if sparsemem() else ""))
        print("  flags    0x%08x: %s; zone %d (%s)" % (flags, ", ".join(names) or "none", zone_idx, zname))
        print("  order    %d" % order)
        print("  refcount %d" % refcount)
        print("  lru      next 0x%08x prev 0x%08x" % (ul(p["lru"]["next"]), ul(p["lru"]["prev"])))
        state = self.state(flags, order, refcount)
        if state is None:
            state = self.tail_state(pfn)
        print("  state    %s" % state)
        pa = pfn << PAGE_SHIFT
        low_end = ul(var("max_low_pfn"))
        if pfn < low_end:
            print("  pa 0x%08x, lowmem va 0x%08x" % (pa, (pa + pv_delta()) & 0xffffffff))
        else:
            nr = pkmap_slot_of(page_addr)
            if nr is None:
                print("  pa 0x%08x, highmem: no permanent mapping (not kmapped)" % pa)
            else:
                print("  pa 0x%08x, highmem: kmapped at 0x%08x (pkmap slot %d)"
                      % (pa, (page_offset() - SZ_2M + (nr << PAGE_SHIFT)) & 0xffffffff, nr))

    def tail_state(self, pfn):
        """A page with no flags: find the free or allocated block around it."""
        lo, hi = ul(var("min_pfn")), ul(var("max_pfn"))
        orders = nr_orders(zones()[0])
        for o in range(1, orders):
            head = pfn & ~((1 << o) - 1)
            if head < lo or head >= hi or head == pfn:
                continue
            hp = page_of_pfn(head).dereference()
            hflags, horder = ul(hp["flags"]), ul(hp["order"])
            if hflags & (PG_buddy | PG_head) and horder >= o and pfn < head + (1 << horder):
                kind = "free" if hflags & PG_buddy else "allocated"
                return "tail page %d of the %s block at pfn 0x%05x (order %d)" % (pfn - head, kind, head, horder)
        return "no flags, and no block head covers it"


# ---- mm-pkmap --------------------------------------------------------------

class MmPkmap(gdb.Command):
    """The pkmap slots in use, in /proc/pkmap's format.

Usage: mm-pkmap

Reads pkmap.count[] and pkmap.page[] (highmem/pkmap.c): count 1 is a slot
mapped but unused until the next flush, n > 1 one with n - 1 users.
Prints "no pkmap in this kernel" for a kernel built without it."""

    def __init__(self):
        self._command = "mm-pkmap"
        super().__init__("mm-pkmap", gdb.COMMAND_DATA)

    @clear_errors
    def invoke(self, arg, from_tty):
        arrays = pkmap_arrays()
        if arrays is None:
            print("no pkmap in this kernel")
            return
        counts, pages = arrays
        base = (page_offset() - SZ_2M) & 0xffffffff
        print("slot  vaddr       pfn       count  (1: unused until the next flush, n: n-1 users)")
        used = 0
        for nr in range(LAST_PKMAP):
            if not counts[nr]:
                continue
            used += 1
            pfn = pfn_of_page(pages[nr])
            print("%4d  0x%08x  0x%06x  %d" % (nr, base + (nr << PAGE_SHIFT), pfn, counts[nr]))
        extra = ["last_pkmap_nr %d" % ul(var("pkmap")["last_nr"])]
        if find_symbol("pkmap_flushes") is not None:
            extra.append("pkmap_flushes %d" % ul(var("pkmap_flushes")))
        print("# %d of %d slots mapped%s" % (used, LAST_PKMAP, ", " + ", ".join(extra) if extra else ""))


class Vxmm(gdb.Command):
    """vxmm's memory-management commands (scripts/gdb/vxmm.py).

vxmm-phys-symbols [ADDR|off]  symbols also at the physical load address (head.S, MMU off)
vxmm-break-entry [ADDR]       break at the kernel's first instruction (0x60008000)
mm-layout                     virtual memory map from the kernel's variables
mm-buddyinfo                  free blocks per zone and order (/proc/buddyinfo format)
mm-zones                      zone spans, present/managed/free pages, watermarks
mm-pt VA                      walk the page tables for VA (the shell's `pt` format)
mm-page PFN                   decode the struct page of PFN
mm-pkmap                      pkmap slots in use (/proc/pkmap format)

Each command has its own `help <command>`."""

    def __init__(self):
        self._command = "vxmm"
        super().__init__("vxmm", gdb.COMMAND_USER)

    @clear_errors
    def invoke(self, arg, from_tty):
        gdb.execute("help vxmm")


Vxmm()
PhysSymbols()
BreakEntry()
MmLayout()
MmBuddyinfo()
MmZones()
MmPt()
MmPage()
MmPkmap()
