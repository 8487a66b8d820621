#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check that the YNL spec is coherent with itself: a notification carries
its object's GET reply, and every enum an attribute names exists.  What is
generated from the spec (the uapi header, the kernel's policies and op
table by tools/gen-nl.py, ophotonctl's tables by gen-proto.py) is checked
by its generator's --check.  Prints TAP; exits 1 on a mismatch."""
import sys
from pathlib import Path

import yaml

top = Path(__file__).resolve().parent.parent
spec = yaml.safe_load((top / "Documentation/netlink/specs/ophoton.yaml").read_text())
ops = spec["operations"]
tests = []


def check(name, ok, want, have):
    tests.append((name, ok, want, have))


# A config notification's body is its object's GET reply (statistics left
# out) with the notification's own attributes after it.
by_name = {op["name"]: op for op in ops["list"]}
for ntf, get, extra in (("link-ntf", "link-get", ["ntf-seq", "fabric-gen"]),
                        ("module-ntf", "module-get", ["ntf-seq", "fabric-gen"]),
                        ("fabric-ntf", "fabric-get", ["fabric-event", "ntf-seq"])):
    reply = [a for a in by_name[get]["do"]["reply"]["attributes"] if not a.endswith("stats")]
    have = by_name[ntf]["event"]["attributes"]
    check("spec: %s carries the %s reply and %s" % (ntf, get, ", ".join(extra)),
          have == reply + extra, reply + extra, have)

defs = {d["name"] for d in spec["definitions"]}
for aset in spec["attribute-sets"]:
    missing = [a["name"] for a in aset["attributes"] if a.get("enum", "") not in ("", *defs)]
    check("spec: every enum the %s attributes name is defined" % aset["name"],
          not missing, [], missing)

print("TAP version 13")
print("1..%d" % len(tests))
failed = 0
for i, (name, ok, want, have) in enumerate(tests, 1):
    print("%sok %d %s" % ("" if ok else "not ", i, name))
    if not ok:
        failed += 1
        print("# spec:  %s\n# other: %s" % (want, have))
sys.exit(1 if failed else 0)
