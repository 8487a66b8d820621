#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Keep the COMMANDS section of ophotonctl(8) equal to what the tool's own
help prints: the section between the BEGIN and END markers is rewritten
from "ophotonctl OBJECT help" for every object "ophotonctl help" lists.

  gen-man.py            rewrite Documentation/man/ophotonctl.8
  gen-man.py --check    TAP: the page says what the tool's help says
"""
import re
import subprocess
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
top = here.parent.parent
page = top / "Documentation/man/ophotonctl.8"
tool = str(here / "ophotonctl")
BEGIN = '.\\" BEGIN COMMANDS (gen-man.py writes this part from the tool\'s help)\n'
END = '.\\" END COMMANDS\n'


def roff(text):
    text = text.replace("\\", "\\e").replace("-", "\\-")
    return ("\\&" + text) if text[:1] in ".'" else text


def help_of(*args):
    return subprocess.run([tool, *args, "help"], check=True, capture_output=True,
                          text=True).stdout


def commands():
    objects = []
    section = False
    for line in help_of().splitlines():
        if line == "Objects:":
            section = True
        elif section and not line.strip():
            break
        elif section:
            name, _, what = line.strip().partition(" ")
            objects.append((name, what.strip()))
    out = []
    for name, what in objects:
        out.append(".SS %s \\(em %s\n" % (name, roff(what)))
        lines = help_of(name).splitlines()[1:]
        for line in lines:
            if line.startswith("  ophotonctl "):
                if line.strip() == "ophotonctl %s help" % name:
                    continue
                out.append(".TP\n.B %s\n" % roff(line.strip()))
            elif line.startswith("      "):
                out.append("%s\n" % roff(line.strip()))
    return "".join(out)


def options():
    """The options of the tool's help: "-j, --json ..." gives -j and --json."""
    found, section = [], False
    for line in help_of().splitlines():
        if line == "Options:":
            section = True
        elif section and not line.strip():
            break
        elif section and line.lstrip().startswith("-"):
            spec = line.strip().split("  ")[0]
            found += re.findall(r"--?[A-Za-z]+", spec)
    return found


def main():
    text = page.read_text()
    m = re.search(re.escape(BEGIN) + "(.*?)" + re.escape(END), text, re.S)
    if not m:
        print("gen-man.py: no COMMANDS markers in %s" % page, file=sys.stderr)
        return 1
    want = text[: m.start(1)] + commands() + text[m.end(1):]
    if len(sys.argv) > 1 and sys.argv[1] == "--check":
        ok = want == text
        print("TAP version 13\n1..2")
        print("%sok 1 ophotonctl(8) lists the commands exactly as ophotonctl help does"
              % ("" if ok else "not "))
        missing = [o for o in options() if o.replace("-", "\\-") not in text]
        for o in missing:
            print("# %s is in ophotonctl help, not in ophotonctl(8)" % o)
        print("%sok 2 ophotonctl(8) describes every option ophotonctl help lists"
              % ("" if not missing else "not "))
        return 0 if ok and not missing else 1
    page.write_text(want)
    return 0


if __name__ == "__main__":
    sys.exit(main())
