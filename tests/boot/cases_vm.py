"""Boot cases for the address space (mm/mmap.c and the other mm/ call files): user/mmap.c
runs every memory system call and its error cases (Linux's errno values), user/mprot.c is
killed by SIGSEGV writing a page it made read-only, and user/reserve.c reserves all the
address space it can, whose size follows from TASK_SIZE by the layout rules written here.
Every exec must give back every page it took (same free count before and after)."""
import importlib.util
import os
import re
import struct

MIB = 1024 * 1024
PAGE = 4096
PROMPT = r"vxmm# "
REJECT = [r"Kernel panic", r"Unable to handle", r"Internal error", r"not ok - "]

# The layout this kernel follows (Linux's rules): nothing below mmap_min_addr (4096), the
# 8 MiB stack VMA ending at TASK_SIZE, and Linux's stack_guard_gap of 256 pages below it.
MMAP_MIN_ADDR = PAGE
STACK_SIZE = 8 * MIB
STACK_GUARD_GAP = 256 * PAGE

# DFSR of a user write to a present read-only page (ARM ARM table B3-23): WnR (bit 11) and
# FS 0b01111, "permission fault, page".
PERMISSION_WRITE_CODE = (1 << 11) | 0xf

EHDR = struct.Struct("<16sHHIIIIIHHHHHH")
PHDR = struct.Struct("<8I")


def load_sibling(name):
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), name + ".py")
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def image_pages(elf):
    """Pages the PT_LOAD segments cover in memory (file bytes and bss): exec maps each."""
    e = EHDR.unpack_from(elf, 0)
    pages = set()
    for i in range(e[12]):
        p = PHDR.unpack_from(elf, e[5] + i * PHDR.size)
        if p[0] == 1 and p[5]:
            pages.update(range(p[2] // PAGE, (p[2] + p[5] - 1) // PAGE + 1))
    return len(pages)


def reserve_kib(task_size, elf):
    """All of user space but the first page, the program, the stack and its guard gap."""
    return (task_size - MMAP_MIN_ADDR - image_pages(elf) * PAGE - STACK_SIZE - STACK_GUARD_GAP) // 1024


def check_lines(root):
    """The checks user/mmap.c makes: one `ok - ` line each when all pass."""
    with open(os.path.join(root, "user", "mmap.c")) as f:
        return len(re.findall(r"^\s*(?:expect|check)\(", f.read(), re.M))


def check_commit_limit(output):
    total = re.search(r"^MemTotal: +(\d+) kB", output, re.M)
    limit = re.search(r"^CommitLimit: +(\d+) kB", output, re.M)
    if not total or not limit:
        return ["no MemTotal or CommitLimit line"]
    want = commit_limit_kib(int(total.group(1)))
    return [] if int(limit.group(1)) == want else ["CommitLimit %s kB, want %d (MemTotal %s kB * 50 / 100)"
                                                   % (limit.group(1), want, total.group(1))]


def count_ok(want):
    def check(output):
        got = len(re.findall(r"^ok - ", output, re.M))
        return [] if got == want else ["%d `ok - ` lines from /bin/mmap, want %d" % (got, want)]
    return check


def commit_limit_kib(memtotal_kib):
    """Linux's CommitLimit: (totalram - hugetlb) * overcommit_ratio 50 / 100 + swap; no hugetlb, no swap."""
    return memtotal_kib // 4 * 50 // 100 * 4


def vm_case(Case, split, initrd, task_size, reserve_elf, nr_checks, same_free_pages):
    kib = reserve_kib(task_size, reserve_elf)
    stdin = ("exec /bin/mmap\nexec /bin/mprot\nexec /bin/reserve\nexec /bin/mmap\n"
             "cat /proc/meminfo\nmeminfo-check\ncat /proc/vmstat\npoweroff\n")
    return Case("%s/direct/vm-mmap" % split, split=split, initrd=initrd, stdin=stdin,
                expect=[PROMPT + r"exec /bin/mmap",
                        r"ok - mmap anonymous 3 pages: page aligned",
                        r"mmap: all passed\r?\nexec: /bin/mmap exited with status 0",
                        r"mprot: page 0x[0-9a-f]+ read-only, reads 1; writing to it",
                        r"mprot\[\d+\]: unhandled page fault \(11\) at 0x[0-9a-f]{8}, code 0x%03x"
                        % PERMISSION_WRITE_CODE,
                        r"exec: /bin/mprot killed by signal 11",
                        r"reserve: %d MiB \(%d KiB\) in \d+ mappings" % (kib // 1024, kib),
                        r"exec: /bin/reserve exited with status 0",
                        r"mmap: all passed\r?\nexec: /bin/mmap exited with status 0",
                        # Every process gone: nothing mapped, charged or locked, no user page table,
                        # and only the zero page left in meminfo-check's processes term.
                        r"Active\(anon\): +0 kB\r?\nInactive\(anon\): +0 kB\r?\nMlocked: +0 kB",
                        r"AnonPages: +0 kB\r?\nMapped: +0 kB",
                        r"PageTables: +0 kB\r?\nCommitLimit: +\d+ kB\r?\nCommitted_AS: +0 kB",   # see check_commit_limit
                        r"processes +1 pages",
                        r"adds up: yes",
                        r"nr_anon_pages 0\r?\nnr_mapped 0\r?\nnr_page_table_pages 0\r?\npgfault [1-9]\d*\r?\n"
                        r"pgmajfault 0",
                        PROMPT + r"poweroff"],
                reject=REJECT + [r"mprot: the write went through"], order=True,
                checks=[same_free_pages, count_ok(2 * nr_checks), check_commit_limit])


def cases(Case, build):
    user = load_sibling("cases_user")
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    initrd = os.path.join(build, "user", "initramfs.cpio")
    with open(os.path.join(build, "user", "reserve"), "rb") as f:
        reserve_elf = f.read()
    nr_checks = check_lines(root)
    return [vm_case(Case, split, initrd, user.TASK_SIZE[split], reserve_elf, nr_checks, user.same_free_pages)
            for split in ("3g", "2g", "1g", "3g-nohighmem")]
