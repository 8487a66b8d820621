#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The shell commands of one section of a reStructuredText page, block by
block, as tools/docs/run-guide.sh runs them.

  guide-commands.py PAGE SECTION

Prints each literal block ("::") of the section, up to the next heading of
the same or a higher level, as one script separated from the next by a NUL
byte: of a transcript, only the lines after a "$ " prompt; comment-only
lines dropped, "sudo " dropped (the runner is root),
and each "monitor" command, which follows notifications until ^C, run for
two seconds and ended as ^C ends it.
"""
import re
import sys

ADORN = re.compile(r"^([=\-~^])\1{3,}$")


def sections(lines):
    """(title, level, first line, last line) of every heading."""
    levels, out = [], []
    for i in range(len(lines) - 1):
        m = ADORN.match(lines[i + 1])
        if lines[i].strip() and m and not ADORN.match(lines[i]):
            over = i > 0 and ADORN.match(lines[i - 1])
            key = ("o" if over else "") + m.group(1)
            if key not in levels:
                levels.append(key)
            out.append((lines[i].strip(), levels.index(key), i))
    return out


def blocks(lines, start, end):
    """The literal blocks between lines @start and @end."""
    i = start
    while i < end:
        if lines[i].rstrip().endswith("::"):
            i += 1
            body = []
            while i < end and (not lines[i].strip() or lines[i].startswith("    ")):
                body.append(lines[i][4:])
                i += 1
            yield body
        else:
            i += 1


def script(body):
    cmds, cur = [], ""
    # A transcript: the commands are the lines after a "$ " prompt, the
    # rest is their output.
    if any(line.startswith("$ ") for line in body):
        body = [line[2:] for line in body if line.startswith("$ ")]
    for line in body:
        # A block in a list item is indented further.
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        cur += line
        if cur.endswith("\\"):
            cur = cur[:-1] + " "
            continue
        cmds.append(cur)
        cur = ""
    out = []
    for c in cmds:
        c = re.sub(r"(^|\| |&& )sudo ", r"\1", c)
        if re.search(r"\bmonitor\b", c.split("#")[0]):
            c = ("rc=0; timeout -s INT 2 %s || rc=$?; [ $rc = 0 ] || [ $rc = 124 ] || "
                 "[ $rc = 130 ]" % c.split("#")[0].strip())
        out.append(c)
    return "\n".join(out)


def main():
    page, want = sys.argv[1], sys.argv[2]
    lines = open(page, encoding="utf-8").read().split("\n")
    heads = sections(lines)
    for k, (title, level, at) in enumerate(heads):
        if title != want:
            continue
        end = len(lines)
        for t2, l2, at2 in heads[k + 1:]:
            if l2 <= level:
                end = at2
                break
        for body in blocks(lines, at + 2, end):
            s = script(body)
            if s:
                sys.stdout.write(s + "\0")
        return 0
    sys.stderr.write("guide-commands: no section %r in %s\n" % (want, page))
    return 1


if __name__ == "__main__":
    sys.exit(main())
