#!/usr/bin/env python3
"""Write a cpio archive in the "newc" format (Linux's
Documentation/driver-api/early-userspace/buffer-format.rst): each entry is a
110-byte ASCII header (magic 070701, thirteen 8-digit hex fields), the name
with its NUL, padding to 4 bytes, the data, padding to 4 bytes; the archive
ends with an entry named TRAILER!!!.

    scripts/mkcpio.py OUT ENTRY...

An ENTRY is DEST=SOURCE (a regular file, its mode taken from SOURCE) or
DEST/ (a directory).  Parent directories are not added by themselves.
Usable as a module: newc_entry() and archive() build the bytes.
"""
import os
import stat
import sys

MAGIC = b"070701"


def pad4(n):
    return (4 - n % 4) % 4


def newc_entry(name, mode, data=b"", ino=0, nlink=1, magic=MAGIC, namesize=None, filesize=None, rdev=(0, 0)):
    """One entry's bytes (rdev: a device node's major and minor); the keyword
    arguments let tests build malformed ones."""
    bname = name.encode() + b"\0"
    fields = [ino, mode, 0, 0, nlink, 0, len(data) if filesize is None else filesize, 0, 0, rdev[0], rdev[1],
              len(bname) if namesize is None else namesize, 0]
    head = magic + b"".join(b"%08x" % f for f in fields)
    out = head + bname + b"\0" * pad4(len(head) + len(bname))
    return out + data + b"\0" * pad4(len(data))


def archive(entries):
    """entries: (name, mode, data) tuples -> the whole archive, trailer included."""
    out = b""
    for ino, (name, mode, data) in enumerate(entries, start=1):
        out += newc_entry(name, mode, data, ino=ino, nlink=2 if stat.S_ISDIR(mode) else 1)
    return out + newc_entry("TRAILER!!!", 0)


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    entries = []
    for spec in argv[1:]:
        if spec.endswith("/") and "=" not in spec:
            entries.append((spec.strip("/"), stat.S_IFDIR | 0o755, b""))
            continue
        dest, _, src = spec.partition("=")
        if not src:
            sys.exit("mkcpio: %r: give DEST=SOURCE or DEST/" % spec)
        with open(src, "rb") as f:
            data = f.read()
        mode = stat.S_IFREG | (os.stat(src).st_mode & 0o777)
        entries.append((dest.lstrip("/"), mode, data))
    with open(argv[0], "wb") as f:
        f.write(archive(entries))


if __name__ == "__main__":
    main(sys.argv[1:])
