"""Boot cases for user processes (kernel/sched.c, kernel/exec.c, kernel/syscall.c,
arch/arm/entry-user.S, fs/): the initramfs from QEMU's -initrd, /init or rdinit= as
pid 1, the initial stack, write/brk/uname/getpid/exit, -EFAULT and -ENOSYS, a user
fault killing only the process, malformed ELF files and cpio archives refused with
one line while the kernel shell carries on.  The programs are user/*.c, built by
mk/user.mk into build/user/; the malformed files are made here from them."""
import glob
import importlib.util
import os
import re
import stat
import struct

USER_REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"\(WRONG\)", r"BAD"]
PROMPT = r"vxmm# "

# TASK_SIZE = PAGE_OFFSET - 16 MiB (Linux's ARM rule), per split.
TASK_SIZE = {"3g": 0xbf000000, "2g": 0x7f000000, "1g": 0x3f000000, "3g-nohighmem": 0xbf000000}

# DFSR of a write to an unmapped page whose section has a page table (ARM ARM B4.1.52,
# table B3-23): WnR (bit 11) set, FS = 0b00111 "translation fault, page".
DFSR_WNR = 1 << 11
FS_TRANSLATION_PAGE = 0x7
NULL_WRITE_CODE = DFSR_WNR | FS_TRANSLATION_PAGE
# A read of the vector page (kernel-only, mapped through a page table): FS = 0b01111
# "permission fault, page", WnR clear.
FS_PERMISSION_PAGE = 0xf
VECTOR_READ_CODE = FS_PERMISSION_PAGE
UDF_0 = 0xe7f000f0                 # the instruction user/undef.c executes

EHDR = struct.Struct("<16sHHIIIIIHHHHHH")
PHDR = struct.Struct("<8I")


def load_mkcpio(root):
    spec = importlib.util.spec_from_file_location("mkcpio", os.path.join(root, "scripts", "mkcpio.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def same_free_pages(output):
    """Every `exec` reports the free page count before and after: they must be equal."""
    pairs = re.findall(r"free pages (\d+) before, (\d+) after", output)
    if not pairs:
        return ["no 'free pages' report from exec"]
    return ["a process left %d pages behind (%s before, %s after)" % (int(b) - int(a), b, a)
            for b, a in pairs if b != a]


def patched(elf, ehdr=None, phdr=None):
    """A copy of elf with ehdr fields (index: value) and phdr fields ((segment, index): value) changed."""
    data = bytearray(elf)
    e = list(EHDR.unpack_from(data, 0))
    for i, v in (ehdr or {}).items():
        e[i] = v
    EHDR.pack_into(data, 0, *e)
    phoff = EHDR.unpack_from(elf, 0)[E_PHOFF]
    for (seg, i), v in (phdr or {}).items():
        p = list(PHDR.unpack_from(data, phoff + seg * PHDR.size))
        p[i] = v
        PHDR.pack_into(data, phoff + seg * PHDR.size, *p)
    return bytes(data)


# Field positions in EHDR (ident type machine version entry phoff shoff flags ...) and
# PHDR (type offset vaddr paddr filesz memsz flags align), the System V ABI's order.
E_ENTRY, E_PHOFF, E_FLAGS = 4, 5, 7
P_OFFSET, P_VADDR, P_FILESZ, P_MEMSZ = 1, 2, 4, 5


def bad_elves(hello, task_size):
    """(name, file bytes, phrase of the one line the kernel must print) for each malformed ELF."""
    n = len(hello)
    seg0 = PHDR.unpack_from(hello, EHDR.unpack_from(hello, 0)[E_PHOFF])
    seg1 = PHDR.unpack_from(hello, EHDR.unpack_from(hello, 0)[E_PHOFF] + PHDR.size)
    return [
        ("truncated", hello[:40], "40 bytes is shorter than an ELF header"),
        ("badmagic", hello[:1] + b"X" + hello[2:], "no ELF magic"),
        ("oabi", patched(hello, ehdr={E_FLAGS: 0}), "old-ABI (OABI) binary"),
        ("phdrs-past-end", patched(hello, ehdr={E_PHOFF: n - 16}),
         "program headers at 0x%x run past the end of the %d-byte file" % (n - 16, n)),
        ("seg-past-file", patched(hello, phdr={(0, P_FILESZ): n + 1, (0, P_MEMSZ): n + 1}),
         "segment 0: file bytes [0x0+0x%x] run past the end" % (n + 1)),
        ("filesz-over-memsz", patched(hello, phdr={(0, P_MEMSZ): seg0[P_FILESZ] - 1}),
         "segment 0: p_filesz 0x%x > p_memsz 0x%x" % (seg0[P_FILESZ], seg0[P_FILESZ] - 1)),
        ("huge-memsz", patched(hello, phdr={(1, P_MEMSZ): task_size}),
         "segment 1: [0x%x+0x%x] is outside user space [0, 0x%x)" % (seg1[P_VADDR] & ~0xfff, task_size, task_size)),
        ("overlap", patched(hello, phdr={(1, P_VADDR): seg0[P_VADDR], (1, P_OFFSET): 0}),
         "segments 0 [0x10000+0x%x] and 1 [0x10000+0x" % seg0[P_MEMSZ]),
        ("entry-outside", patched(hello, ehdr={E_ENTRY: 0x20000000}),
         "entry point 0x20000000 is not inside an executable segment"),
    ]


def file_pages(elf):
    """Pages holding file bytes of the PT_LOAD segments: what exec fills before the program runs."""
    e = EHDR.unpack_from(elf, 0)
    pages = set()
    for i in range(e[12]):                         # e_phnum
        p = PHDR.unpack_from(elf, e[E_PHOFF] + i * PHDR.size)
        if p[0] == 1 and p[P_FILESZ]:              # PT_LOAD with file bytes
            pages.update(range(p[P_VADDR] // 4096, (p[P_VADDR] + p[P_FILESZ] - 1) // 4096 + 1))
    return len(pages)


def brk_start(elf):
    """Where the heap starts: the page after the highest PT_LOAD segment's end (Linux's start_brk)."""
    e = EHDR.unpack_from(elf, 0)
    ends = [p[P_VADDR] + p[P_MEMSZ] for p in (PHDR.unpack_from(elf, e[E_PHOFF] + i * PHDR.size) for i in range(e[12]))
            if p[0] == 1]
    return (max(ends) + 0xfff) & ~0xfff


def user_programs_case(Case, split, initrd, nr_entries, lazy_elf, brk_elf):
    stdin = ("exec /bin/argv one two\nexec /bin/brk\nexec /bin/efault\nexec /bin/enosys\n"
             "exec /bin/fault\nexec /bin/exit42\nexec /bin/getpid\nexec /bin/lazy\nexec /bin/hello\n"
             "exec /bin/kread\nexec /bin/undef\npoweroff\n")
    # Demand paging: lazy's 64 MiB heap costs only the 3 pages it writes, on top of its file
    # pages, the stack's top page (arguments) and the page of ulib's bss (environ, auxv).
    lazy_rss = file_pages(lazy_elf) + 1 + 1 + 3
    start = brk_start(brk_elf)   # user/brk.c asks for 65659 bytes more
    return Case("%s/direct/user-programs" % split, split=split, initrd=initrd, stdin=stdin,
                expect=[r"initramfs: %d entries from \[mem 0x[0-9a-f]{8}-0x[0-9a-f]{8}\]" % nr_entries,
                        r"Run /init as init process",
                        r"init: pid 1, vxmm \S+ armv7l",
                        r"init: /init \(pid 1\) exited with status 0; back to the kernel shell",
                        PROMPT + r"exec /bin/argv one two",
                        r"argv: argc=3 argv\[0\]=/bin/argv argv\[1\]=one argv\[2\]=two "
                        r"envp\[0\]=HOME=/ envp\[1\]=TERM=linux\r?\n",
                        r"argv: auxv ok",
                        r"exec: /bin/argv exited with status 0",
                        r"brk: start 0x%x, asked 0x%x, got 0x%x" % (start, start + 65659, start + 65659),
                        r"brk: ok",
                        r"efault: write\(unmapped 0x20000000\) = -14\r?\n",
                        r"efault: write\(kernel 0xffff0000\) = -14\r?\n",
                        r"efault: write\(wrapping 0xfffffff0, 32\) = -14\r?\n",
                        r"efault: uname\(NULL\) = -14\r?\n",
                        r"efault: uname\(text\) = -14\r?\n",
                        r"efault: a good write\r?\nefault: write\(good\) = 21\r?\n",
                        r"efault: ok",
                        r"enosys\[\d+\]: system call 999 \(0x3e7\) is not implemented: -ENOSYS",
                        r"enosys\[\d+\]: system call 500 \(0x1f4\) is not implemented: -ENOSYS",
                        r"enosys: 999 -> -38, again -> -38, 500 -> -38",
                        r"fault: writing to address 0",
                        r"fault\[\d+\]: unhandled page fault \(11\) at 0x00000000, code 0x%03x" % NULL_WRITE_CODE,
                        r"exec: /bin/fault killed by signal 11",
                        r"exec: /bin/exit42 exited with status 42",
                        r"getpid: 9",          # /init was 1, kcompactd0 2, then seven programs before it
                        r"lazy: 64 MiB heap, 3 pages written, 1 read: ok\r?\n"
                        r"exec: /bin/lazy exited with status 0, %d pages resident at exit" % lazy_rss,
                        r"Hello from user space!\r?\nexec: /bin/hello exited with status 0",
                        r"kread: reading 0xffff0000\r?\n",
                        r"kread\[\d+\]: unhandled page fault \(11\) at 0xffff0000, code 0x%03x" % VECTOR_READ_CODE,
                        r"exec: /bin/kread killed by signal 11",
                        r"undef: executing udf #0\r?\n",
                        r"undef\[\d+\]: undefined instruction 0x%08x at 0x[0-9a-f]{8}; killed by SIGILL" % UDF_0,
                        r"exec: /bin/undef killed by signal 4",
                        PROMPT + r"poweroff"],
                # Each call number is logged once: the second 999 adds no line.
                reject=USER_REJECT + [r"fault: the write did not fault", r"kread: read ", r"undef: the instruction ran",
                                      r"(?s)system call 999 .*system call 999 "],
                order=True, checks=[same_free_pages])


def bad_elf_case(Case, split, root, work, hello):
    mkcpio = load_mkcpio(root)
    elves = bad_elves(hello, TASK_SIZE[split])
    entries = [("bin", stat.S_IFDIR | 0o755, b""), ("init", stat.S_IFREG | 0o755, elves[0][1])]
    entries += [("bin/" + name, stat.S_IFREG | 0o755, data) for name, data, _ in elves]
    entries.append(("bin/hello", stat.S_IFREG | 0o755, hello))
    path = os.path.join(work, "bad-elf-%s.cpio" % split)
    with open(path, "wb") as f:
        f.write(mkcpio.archive(entries))
    expect = [r"exec: /init: not a valid executable: %s; not run" % re.escape(elves[0][2]),
              r"init: /init could not run \(error -8\); back to the kernel shell"]
    for name, _, phrase in elves:
        expect.append(r"exec: /bin/%s: not a valid executable: %s" % (name, re.escape(phrase)))
        expect.append(r"exec: /bin/%s did not run \(error -8\)" % name)
    expect.append(r"Hello from user space!\r?\nexec: /bin/hello exited with status 0")
    stdin = "".join("exec /bin/%s\n" % name for name, _, _ in elves) + "exec /bin/hello\npoweroff\n"
    return Case("%s/direct/user-bad-elf" % split, split=split, initrd=path, stdin=stdin, expect=expect,
                reject=USER_REJECT, order=True, checks=[same_free_pages])


def bad_cpio_cases(Case, root, work, hello):
    """Malformed archives: one line each, no /init, and the shell as without an initramfs."""
    mkcpio = load_mkcpio(root)
    good = mkcpio.archive([("init", stat.S_IFREG | 0o755, hello)])
    init_data = 110 + len("init") + 1 + 1          # header, name with NUL, padded to 116
    archives = [
        ("bad-magic", mkcpio.newc_entry("init", stat.S_IFREG | 0o755, hello, magic=b"070707"),
         r'entry 0 at offset 0x0: bad magic "070707" \(not 070701\)'),
        ("truncated", good[:init_data + 100],
         r"entry 0 \(init\): filesize %d runs past the end of the archive" % len(hello)),
        ("name-without-nul", mkcpio.newc_entry("init", stat.S_IFREG | 0o755, hello, namesize=4)
         + mkcpio.newc_entry("TRAILER!!!", 0),
         r"entry 0 at offset 0x0: name is not NUL-terminated at its namesize 4"),
        ("no-trailer", good[:-len(mkcpio.newc_entry("TRAILER!!!", 0))],
         r"archive of %d bytes ends after 1 entries without TRAILER!!!"
         % (len(good) - len(mkcpio.newc_entry("TRAILER!!!", 0)))),
    ]
    out = []
    for name, data, phrase in archives:
        path = os.path.join(work, "cpio-%s.cpio" % name)
        with open(path, "wb") as f:
            f.write(data)
        out.append(Case("3g/direct/user-cpio-%s" % name, initrd=path, stdin="version\npoweroff\n",
                        expect=[r"initramfs: not a valid cpio newc archive: %s; no initramfs" % phrase,
                                PROMPT + r"version\r?\nvxmm version"],
                        reject=USER_REJECT + [r"Run /init", r"initramfs: \d+ entries"], order=True))
    return out


def cases(Case, build):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    user = os.path.join(build, "user")
    initrd = os.path.join(user, "initramfs.cpio")
    work = os.path.join(build, "results", "user")
    os.makedirs(work, exist_ok=True)
    with open(os.path.join(user, "hello"), "rb") as f:
        hello = f.read()
    out = []
    for split in ("3g", "2g", "1g", "3g-nohighmem"):
        out.append(Case("%s/direct/user-hello" % split, split=split, initrd=initrd,
                        bootargs="rdinit=/bin/hello",
                        expect=[r"Run /bin/hello as init process",
                                r"Hello from user space!",
                                r"init: /bin/hello \(pid 1\) exited with status 0; back to the kernel shell",
                                PROMPT + r"poweroff"],
                        reject=USER_REJECT, order=True))
    # Through U-Boot: bootm <kernel> <ramdisk> <fdt> from the SD card and over TFTP.
    for boot in ("uboot", "tftp"):
        out.append(Case("3g/%s/user-initrd" % boot, boot=boot, initrd=initrd, stdin="exec /bin/hello\npoweroff\n",
                        expect=[r"Loading init Ramdisk from Legacy Image at 64000000",
                                r"initramfs: \d+ entries from \[mem 0x64000040-0x[0-9a-f]{8}\]",
                                r"init: /init \(pid 1\) exited with status 0",
                                r"Hello from user space!\r?\nexec: /bin/hello exited with status 0"],
                        reject=USER_REJECT, order=True, checks=[same_free_pages]))
    # mk/user.mk puts bin/, /init and bin/<name> for every user/*.c and user/*.sh into the archive.
    nr_entries = 2 + len(glob.glob(os.path.join(root, "user", "*.c"))) + len(glob.glob(os.path.join(root, "user", "*.sh")))
    with open(os.path.join(user, "lazy"), "rb") as f:
        lazy = f.read()
    with open(os.path.join(user, "brk"), "rb") as f:
        brk = f.read()
    out.append(user_programs_case(Case, "3g", initrd, nr_entries, lazy, brk))
    out.append(user_programs_case(Case, "1g", initrd, nr_entries, lazy, brk))
    out.append(bad_elf_case(Case, "3g", root, work, hello))
    out.append(bad_elf_case(Case, "1g", root, work, hello))
    out.extend(bad_cpio_cases(Case, root, work, hello))
    return out
