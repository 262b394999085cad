"""The bad-input corpus: malformed device tree blobs and bad command lines.

Each case is built at test time (with dtc from our own dts, then binary
surgery where dtc cannot make the damage) and says which one clear line the
kernel must print and how the boot must end.  The blobs reach the kernel
unmodified through the appended-DTB path (BOOT=direct DTB=...).

Outcomes: "panic" = a clear reason line, then `Kernel panic - not syncing`,
then power-off; "boots" = the problem is reported, the kernel carries on to
the shell (which powers off on the `poweroff` the harness types).
"""
import os
import struct
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DTS = os.path.join(ROOT, "dts", "vexpress-v2p-ca9.dts")

PANIC = [r"Kernel panic - not syncing: \S"]
BOOTS = [r"vxmm# ", r"reboot: Power down"]
NO_PANIC = [r"Kernel panic", r"Unable to handle", r"Internal error"]


class Bad:
    def __init__(self, name, expect, outcome, dtb=None, bootargs=""):
        self.name = name
        self.dtb = dtb
        self.bootargs = bootargs
        self.expect = list(expect) + (PANIC if outcome == "panic" else BOOTS)
        self.reject = [] if outcome == "panic" else NO_PANIC


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


def header(blob):
    """The ten big-endian header words of an FDT, as a list."""
    return list(struct.unpack(">10I", blob[:40]))


def with_header(blob, **fields):
    names = ["magic", "totalsize", "off_dt_struct", "off_dt_strings", "off_mem_rsvmap",
             "version", "last_comp_version", "boot_cpuid_phys", "size_dt_strings", "size_dt_struct"]
    h = header(blob)
    for k, v in fields.items():
        h[names.index(k)] = v
    return struct.pack(">10I", *h) + blob[40:]


def write(path, data):
    with open(path, "wb") as f:
        f.write(data)
    return path


def memory(reg, cells=None):
    """A dts fragment replacing the memory node's reg."""
    return "/ { memory@60000000 { reg = <%s>; }; };" % reg


def cases(outdir):
    os.makedirs(outdir, exist_ok=True)
    p = lambda name: os.path.join(outdir, name + ".dtb")
    good = dtc("", p("good"))
    h = header(good)
    totalsize = h[1]
    out = []

    def blob(name, data, expect, outcome):
        out.append(Bad(name, expect, outcome, dtb=write(p(name), data)))

    def source(name, text, expect, outcome, header=""):
        dtc(text, p(name), header)
        out.append(Bad(name, expect, outcome, dtb=p(name)))

    # --- Structure of the blob ------------------------------------------------
    blob("bad-magic", struct.pack(">I", 0xdeadbeef) + good[4:],
         [r"fdt: no device tree blob at 0x"], "panic")
    blob("truncated", good[: totalsize // 2],
         [r"fdt: .*(truncat|TRUNCATED|past the end|BADSTRUCTURE|structure)"], "panic")
    blob("wrong-version", with_header(good, version=1, last_comp_version=1),
         [r"fdt: .*(version|VERSION)"], "panic")
    blob("struct-offset-past-end", with_header(good, off_dt_struct=totalsize + 0x1000),
         [r"fdt: .*(offset|TRUNCATED|BADOFFSET|past|structure|layout|BADLAYOUT)"], "panic")
    blob("strings-size-past-end", with_header(good, size_dt_strings=0x100000),
         [r"fdt: .*(TRUNCATED|past|strings|BADLAYOUT|layout)"], "panic")
    blob("totalsize-huge", with_header(good, totalsize=0x10000000),
         [r"fdt: .*(totalsize|TRUNCATED|too (big|large))"], "panic")
    blob("old-version-9", with_header(good, version=9, last_comp_version=3),
         [r"fdt: version 9 .*not used"], "panic")
    blob("misaligned-struct-block", with_header(good, off_dt_struct=h[2] + 2),
         [r"fdt: misaligned blocks.*not used"], "panic")
    # A property name offset pointing past the strings block.
    struct_off, strings_size = h[2], h[8]
    data = bytearray(good)
    i = struct_off
    while i < struct_off + h[9]:
        (tok,) = struct.unpack_from(">I", data, i)
        if tok == 3:  # FDT_PROP: len, nameoff follow
            struct.pack_into(">I", data, i + 8, strings_size + 0x40)
            break
        i += 4
    blob("bad-name-offset", bytes(data), [r"fdt: .*(BADOFFSET|name|string|structure|STRUCTURE)"], "panic")

    # --- Content: memory banks ---------------------------------------------------
    source("memory-size-zero", memory("0x60000000 0x0"),
           [r"fdt: .*size 0", r"no usable memory"], "panic")
    source("memory-too-many-banks",
           memory(" ".join("0x%08x 0x01000000" % (0x60000000 + i * 0x02000000) for i in range(12))),
           [r"fdt: .*(banks|bank).*(drop|ignor|more than)"], "boots")
    source("memory-beyond-32bit",
           "/ { #address-cells = <2>; #size-cells = <2>; memory@60000000 { reg = <0x0 0x60000000 0x0 0x20000000 0x1 0x0 0x0 0x10000000>; }; };",
           [r"fdt: .*(4 GiB|32-bit|above|beyond|outside)"], "boots")
    source("memory-overlapping-banks", memory("0x60000000 0x20000000 0x70000000 0x20000000"),
           [r"fdt: .*overlap"], "boots")
    source("memory-misses-kernel", memory("0x80000000 0x20000000"),
           [r"no memory bank holds the running kernel", r"does not include the kernel"], "panic")
    source("memory-bad-cells", "/ { #address-cells = <3>; };",
           [r"fdt: .*cells"], "panic")
    source("reserved-memory-covers-ram",
           "/ { reserved-memory { #address-cells = <1>; #size-cells = <1>; ranges; "
           "all@60000000 { reg = <0x60000000 0x40000000>; }; }; };",
           [r"fdt: .*(covers all memory|covers the running kernel).*ignored"], "boots")
    source("memreserve-covers-ram", "", header="/memreserve/ 0x60000000 0x40000000;",
           expect=[r"fdt: .*(covers all memory|covers the running kernel).*ignored"], outcome="boots")
    source("bootargs-unterminated", "/ { chosen { bootargs = [61 62 63]; }; };",
           [r"fdt: .*bootargs"], "boots")
    deep = "/ { " + "".join("n%d { " % i for i in range(40)) + "".join("}; " for _ in range(40)) + "};"
    source("nodes-nested-deep", deep, [r"fdt: blob at 0x"], "boots")

    # --- The command line ---------------------------------------------------------
    def cmdline(name, args, expect, outcome="boots"):
        out.append(Bad("cmdline-" + name, expect, outcome, bootargs=args))

    cmdline("mem-abc", "mem=abc", [r"cmdline: mem=abc"])
    cmdline("mem-1K", "mem=1K", [r"cmdline: mem=1K"])
    cmdline("mem-empty", "mem=", [r"cmdline: mem="])
    cmdline("mem-missing-value", "mem", [r"cmdline: mem"])
    cmdline("vmalloc-huge", "vmalloc=99999G", [r"vmalloc area is too big, limiting to 976MiB",
                                               r"vmalloc : 0xc2800000 - 0xff800000"])
    cmdline("vmalloc-abc", "vmalloc=abc", [r"cmdline: vmalloc=abc"])
    cmdline("loglevel-x", "loglevel=x", [r"cmdline: loglevel=x"])
    cmdline("very-long", "x" * 2000, [r"(cmdline|fdt): .*(long|truncat)"])
    return out
