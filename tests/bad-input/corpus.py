"""The bad-input corpus: malformed device tree blobs and bad command lines.

Each case is built at test time (with dtc from our own dts, then binary
surgery where dtc cannot make the damage) and says which specific line the
kernel must print and how the boot must end.  The blobs reach the kernel
unmodified through the appended-DTB path (BOOT=direct DTB=...).

Outcomes: "panic" = the specific reason line, then the kernel's own stop
`Kernel panic - not syncing: <that reason>`, and the shell never starts;
"boots" = the problem is reported, the kernel carries on to the shell, and
the memory map it built (bank lines, zone ranges, memblock, MemTotal) is the
one the case's banks give: `banks` below, worked out here from the blob the
case builds, after the rule the report line names (dropped, clipped,
ignored).  tests/boot/boot_tests.py turns `banks` into those checks.

A fault anywhere (a data abort inside the parser, say) fails every case, even
one that expects a panic.
"""
import os
import re
import struct
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DTS = os.path.join(ROOT, "dts", "vexpress-v2p-ca9.dts")

MIB = 1 << 20
PHYS_OFFSET = 0x60000000        # RAM start (dts /memory); the kernel is loaded at +0x8000
QEMU_ATAGS = PHYS_OFFSET + 0x100  # where QEMU's -kernel boot leaves the ATAG list (r2)
READ_VERSIONS = (16, 17)        # the FDT versions dtc writes and the kernel reads (README, kernel/bootfdt.c)
MAX_BANKS = 8                   # memory banks the kernel keeps (include/bootfdt.h)
COMMAND_LINE_SIZE = 1024        # bytes, with the NUL (Linux ARM's COMMAND_LINE_SIZE)
CONSOLE_ARGS = "console=ttyAMA0,38400 "  # what scripts/run-qemu puts before BOOTARGS
PAGE_OFFSET_3G = 0xc0000000     # the corpus boots the 3g kernel
VMALLOC_END = 0xff800000

# No case may fault: these are the lines of an exception report.
FAULTS = [r"Unable to handle", r"Internal error", r"Fatal exception", r"PC is at"]

# The panic reasons of arch/arm/setup.c, each the design's stop for its input.
NO_BLOB = r"no device tree: cannot learn the size of RAM"
UNUSABLE = r"the device tree blob at 0x[0-9a-f]{8} is unusable \(see the fdt: line above\)"
NO_MEMORY = r"the device tree describes no usable memory"
NO_KERNEL = r"the device tree's memory does not include the kernel"

FDT_BEGIN_NODE, FDT_END_NODE, FDT_PROP, FDT_NOP, FDT_END = 1, 2, 3, 4, 9
HEADER = ["magic", "totalsize", "off_dt_struct", "off_dt_strings", "off_mem_rsvmap",
          "version", "last_comp_version", "boot_cpuid_phys", "size_dt_strings", "size_dt_struct"]


class Bad:
    """One bad input.  banks: for "boots", the RAM the kernel must end up with,
    a list of [start, end); vmalloc_mib: the vmalloc= the zones follow."""

    def __init__(self, name, expect, outcome, dtb=None, bootargs="", banks=None, vmalloc_mib=240,
                 reject=(), commands=""):
        assert outcome in ("panic", "boots")
        assert (banks is None) == (outcome == "panic")
        self.name = name
        self.dtb = dtb
        self.bootargs = bootargs
        self.banks = banks
        self.vmalloc_mib = vmalloc_mib
        self.commands = commands  # typed at the shell before the memory-map commands
        self.expect = list(expect)
        self.reject = FAULTS + list(reject)
        if outcome == "panic":
            self.reject.append(r"vxmm# ")
        else:
            self.reject.append(r"Kernel panic")


def panic(reason_lines, reason):
    """Expect the reason lines, then the panic with its reason, then its end marker."""
    return list(reason_lines) + [r"Kernel panic - not syncing: %s\r?\n" % reason,
                                 r"---\[ end Kernel panic - not syncing: %s \]---" % reason]


def dtc(source, out, header=""):
    """Compile our dts with `source` appended (later nodes override earlier
    ones) and `header` (memory reservations) placed where dtc wants them,
    right after /dts-v1/."""
    src = out + ".dts"
    with open(DTS) as f:
        base = f.read()
    if header:
        base = base.replace("/dts-v1/;", "/dts-v1/;\n" + header, 1)
    with open(src, "w") as f:
        f.write("%s\n%s\n" % (base, source))
    subprocess.run(["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", out, src], check=True)
    with open(out, "rb") as f:
        return f.read()


def dts_banks():
    """The banks our dts's /memory node gives (#address-cells = #size-cells = 1 there)."""
    with open(DTS) as f:
        m = re.search(r"memory@[0-9a-f]+\s*\{[^}]*reg = <(0x[0-9a-f]+) (0x[0-9a-f]+)>;", f.read())
    start, size = int(m.group(1), 16), int(m.group(2), 16)
    return [(start, start + size)]


def header(blob):
    """The ten big-endian header words of an FDT, by name."""
    return dict(zip(HEADER, struct.unpack(">10I", blob[:40])))


def with_header(blob, **fields):
    h = header(blob)
    h.update(fields)
    return struct.pack(">10I", *[h[k] for k in HEADER]) + blob[40:]


def tokens(blob):
    """(offset, token) for each token of the structure block, walked as the
    spec lays it out: a node name and property data padded to 4 bytes."""
    h = header(blob)
    i, end = h["off_dt_struct"], h["off_dt_struct"] + h["size_dt_struct"]
    while i < end:
        (tok,) = struct.unpack_from(">I", blob, i)
        yield i, tok
        if tok == FDT_BEGIN_NODE:
            i = (blob.index(b"\0", i + 4) + 1 + 3) & ~3
        elif tok == FDT_PROP:
            (length,) = struct.unpack_from(">I", blob, i + 4)
            i = (i + 12 + length + 3) & ~3
        elif tok == FDT_END:
            return
        else:
            i += 4


def structure_refusal(err, blob):
    """bootfdt's line for a blob fdt_check_full refuses: libfdt's error and
    the block layout of the header as this test wrote it (32-bit sums)."""
    h = header(blob)
    m = 0xffffffff
    return (r"fdt: blob fails the structure check \(%s\); not used \(totalsize 0x%x, structure block "
            r"\[0x%x-0x%x\), strings block \[0x%x-0x%x\)\)" % (
                err, h["totalsize"], h["off_dt_struct"], (h["off_dt_struct"] + h["size_dt_struct"]) & m,
                h["off_dt_strings"], (h["off_dt_strings"] + h["size_dt_strings"]) & m))


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)
    return path


def memory(reg):
    """A dts fragment replacing the memory node's reg."""
    return "/ { memory@60000000 { reg = <%s>; }; };" % reg


def minus(new, known):
    """The parts of [start, end) new that no bank in known covers."""
    pieces = [new]
    for ks, ke in known:
        pieces = [p for s, e in pieces for p in ((s, min(e, ks)), (max(s, ke), e)) if p[0] < p[1]]
    return pieces


def structure_cases(good, blob):
    h = header(good)
    totalsize = h["totalsize"]
    blob("bad-magic", struct.pack(">I", 0xdeadbeef) + good[4:],
         panic([r"fdt: no device tree blob at 0x%08x \(loader passed r2 = 0x%08x, nothing appended to the image\)"
                % (QEMU_ATAGS, QEMU_ATAGS)], NO_BLOB))
    # Cut at a token in the middle of the structure block, header untouched: the
    # kernel reads the zeroed RAM after the blob, and a zero word is no token.
    cut = next(off for off, _ in tokens(good) if off >= h["off_dt_struct"] + h["size_dt_struct"] // 2)
    blob("truncated", good[:cut], panic([structure_refusal("FDT_ERR_BADSTRUCTURE", good)], UNUSABLE))
    for name, version, last in (("wrong-version", 1, 1), ("old-version-9", 9, 3)):
        blob(name, with_header(good, version=version, last_comp_version=last),
             panic([r"fdt: version %d \(last compatible %d\) is not one this kernel reads \(%d\.\.%d\); not used"
                    % ((version, last) + READ_VERSIONS)], UNUSABLE))
    bad = with_header(good, off_dt_struct=totalsize + 0x1000)
    blob("struct-offset-past-end", bad, panic([structure_refusal("FDT_ERR_TRUNCATED", bad)], UNUSABLE))
    bad = with_header(good, size_dt_strings=0x100000)
    blob("strings-size-past-end", bad, panic([structure_refusal("FDT_ERR_TRUNCATED", bad)], UNUSABLE))
    blob("totalsize-huge", with_header(good, totalsize=0x10000000),
         panic([r"fdt: blob is truncated \(totalsize %d but only \d+ bytes readable\); not used" % 0x10000000],
               UNUSABLE))
    blob("misaligned-struct-block", with_header(good, off_dt_struct=h["off_dt_struct"] + 2),
         panic([r"fdt: misaligned blocks \(reservations at 0x%x, structure at 0x%x; need 8 and 4 byte alignment\); "
                r"not used" % (h["off_mem_rsvmap"], h["off_dt_struct"] + 2)], UNUSABLE))
    # The first property's name offset pointed past the strings block.
    data = bytearray(good)
    prop = next(off for off, tok in tokens(good) if tok == FDT_PROP)
    struct.pack_into(">I", data, prop + 8, h["size_dt_strings"] + 0x40)
    blob("bad-name-offset", bytes(data), panic([structure_refusal("FDT_ERR_BADOFFSET", good)], UNUSABLE))


def memory_cases(source, p):
    ram = dts_banks()
    source("memory-size-zero", memory("0x60000000 0x0"),
           panic([r"fdt: /memory@60000000 bank 0 has size 0; ignored", r"fdt: no usable memory bank found"],
                 NO_MEMORY))
    # Twelve 16 MiB banks 32 MiB apart: the first MAX_BANKS are kept.
    many = [(PHYS_OFFSET + i * 32 * MIB, PHYS_OFFSET + i * 32 * MIB + 16 * MIB) for i in range(12)]
    source("memory-too-many-banks", memory(" ".join("0x%08x 0x%08x" % (s, e - s) for s, e in many)),
           [r"fdt: %d memory banks beyond the first %d dropped" % (len(many) - MAX_BANKS, MAX_BANKS)],
           banks=many[:MAX_BANKS])
    # Bank 1 starts at 4 GiB, outside the 32-bit physical space.
    source("memory-beyond-32bit",
           "/ { #address-cells = <2>; #size-cells = <2>; memory@60000000 { reg = <0x0 0x60000000 0x0 0x20000000 "
           "0x1 0x0 0x0 0x10000000>; }; };",
           [r"fdt: /memory@60000000 bank 1 at 0x100000000 lies outside the 32-bit physical space; ignored"],
           banks=[(PHYS_OFFSET, PHYS_OFFSET + 512 * MIB)])
    first, second = (0x60000000, 0x80000000), (0x70000000, 0x90000000)
    source("memory-overlapping-banks", memory("0x60000000 0x20000000 0x70000000 0x20000000"),
           [r"fdt: /memory@60000000 bank 1 \[0x%08x-0x%08x\] overlaps an earlier bank; the overlap is dropped"
            % (second[0], second[1] - 1)],
           banks=[first] + minus(second, [first]))
    source("memory-misses-kernel", memory("0x80000000 0x20000000"),
           panic([r"fdt: memory bank 0: \[mem 0x80000000-0x9fffffff\] 512 MiB",
                  r"fdt: no memory bank holds the running kernel at 0x%08x-0x[0-9a-f]{8}" % (PHYS_OFFSET + 0x8000)],
                 NO_KERNEL))
    source("memory-bad-cells", "/ { #address-cells = <3>; };",
           panic([r"fdt: / #address-cells is 3 \(only 1 or 2 supported\); its reg entries are not read",
                  r"fdt: no usable memory bank found"], NO_MEMORY))
    # Reservations that would leave nothing to run in, or take the running kernel.
    ram_range = r"\[0x%08x-0x%08x\]" % (ram[0][0], ram[-1][1] - 1)
    source("reserved-memory-covers-ram",
           "/ { reserved-memory { #address-cells = <1>; #size-cells = <1>; ranges; "
           "all@60000000 { reg = <0x60000000 0x40000000>; }; }; };",
           [r"fdt: /reserved-memory/all@60000000 entry 0 %s covers all memory; ignored" % ram_range], banks=ram)
    source("memreserve-covers-ram", "", header="/memreserve/ 0x60000000 0x40000000;",
           expect=[r"fdt: /memreserve/ entry 0 %s covers all memory; ignored" % ram_range], banks=ram)
    source("memreserve-covers-kernel", "", header="/memreserve/ 0x60000000 0x01000000;",
           expect=[r"fdt: reservation \[mem 0x60000000-0x60ffffff\] covers the running kernel at 0x%08x-0x[0-9a-f]{8}; "
                   r"ignored" % (PHYS_OFFSET + 0x4000)], banks=ram)
    source("bootargs-unterminated", "/ { chosen { bootargs = [61 62 63]; }; };",
           [r"fdt: /chosen/bootargs is not NUL-terminated within its 3 bytes; ignored",
            r"Kernel command line: %s?\r?\n" % CONSOLE_ARGS], banks=ram)
    deep = "/ { " + "".join("n%d { " % i for i in range(40)) + "".join("}; " for _ in range(40)) + "};"
    data = dtc(deep, p("nodes-nested-deep"))
    source("nodes-nested-deep", deep,
           [r"fdt: blob at 0x[0-9a-f]{8}, %d bytes \(appended to the kernel image\)" % len(data)], banks=ram,
           reject=[r"fdt: .*(ignored|dropped|not used|truncated)"])


def cmdline_cases(out):
    """Each bad value is reported and ignored (or clamped) and the RAM stays what
    QEMU gave (MEM=1024: one 1 GiB bank); the zones follow the vmalloc= in force."""
    ram = [(PHYS_OFFSET, PHYS_OFFSET + 1024 * MIB)]

    def cmdline(name, args, expect, vmalloc_mib=240, reject=(), commands=""):
        out.append(Bad("cmdline-" + name, expect, "boots", bootargs=args, banks=ram, vmalloc_mib=vmalloc_mib,
                       reject=reject, commands=commands))

    cmdline("mem-abc", "mem=abc", [r"cmdline: mem=abc is not a size \(.*\); ignored"])
    cmdline("mem-1K", "mem=1K", [r"cmdline: mem=1K is less than one page \(4K\); ignored"])
    cmdline("mem-empty", "mem=", [r"cmdline: mem= has no value \(.*\); ignored"])
    cmdline("mem-missing-value", "mem", [r"cmdline: mem needs a value \(.*\); ignored"])
    cmdline("mem-overflow", "mem=99999999999999999999",
            [r"cmdline: mem=99999999999999999999 is not a size that fits 64 bits; ignored"])
    # Linux's early_vmalloc: at most VMALLOC_END - (PAGE_OFFSET + 32 MiB + 8 MiB).
    most = VMALLOC_END - (PAGE_OFFSET_3G + 32 * MIB + 8 * MIB)
    cmdline("vmalloc-huge", "vmalloc=99999G",
            [r"vmalloc area is too big, limiting to %dMiB" % (most // MIB),
             r"vmalloc : 0x%08x - 0x%08x   \( *%d MB\)" % (VMALLOC_END - most, VMALLOC_END, most // MIB)],
            vmalloc_mib=99999 * 1024)
    cmdline("vmalloc-abc", "vmalloc=abc", [r"cmdline: vmalloc=abc is not a size \(.*\); ignored"])
    cmdline("vmalloc-zero", "vmalloc=0", [r"cmdline: vmalloc=0 leaves no vmalloc space; ignored",
                                          r"vmalloc : 0x%08x - 0x%08x   \( 240 MB\)" % (VMALLOC_END - 240 * MIB,
                                                                                      VMALLOC_END)])
    cmdline("loglevel-x", "loglevel=x", [r"cmdline: loglevel=x is not a number; ignored"])
    cmdline("loglevel-99", "loglevel=99", [r"cmdline: loglevel=99 is out of range 0\.\.15; ignored"])
    cmdline("stress-zero", "stress=0", [r"cmdline: stress=0 is not a count \(.*\); ignored"],
            reject=[r"stress: \d+ (operations|seconds) from seed"])
    # Too long for the kernel's buffer: cut to COMMAND_LINE_SIZE - 1 bytes, as
    # the bootargs command shows (the boot log's line is cut shorter, by printk).
    args = "x" * 2000
    kept = COMMAND_LINE_SIZE - 1 - len(CONSOLE_ARGS)
    cmdline("very-long", args,
            [r"fdt: /chosen/bootargs is %d bytes long, more than %d; truncated"
             % (len(CONSOLE_ARGS) + len(args), COMMAND_LINE_SIZE - 1),
             r"vxmm# bootargs\r?\n%sx{%d}\r?\nvxmm# " % (CONSOLE_ARGS, kept)], commands="bootargs\n")


def cases(outdir):
    os.makedirs(outdir, exist_ok=True)
    p = lambda name: os.path.join(outdir, name + ".dtb")
    good = dtc("", p("good"))
    out = []

    def blob(name, data, expect):
        out.append(Bad(name, expect, "panic", dtb=write(p(name), data)))

    def source(name, text, expect, header="", banks=None, reject=()):
        dtc(text, p(name), header)
        out.append(Bad(name, expect, "boots" if banks else "panic", dtb=p(name), banks=banks, reject=reject))

    structure_cases(good, blob)
    memory_cases(source, p)
    cmdline_cases(out)
    return out
