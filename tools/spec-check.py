#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check that the uapi header says what the YNL spec says: commands,
attributes, enums, the version and the groups, by name and value; and that
the spec is coherent with itself (a notification carries its object's
GET reply).  The kernel's policies and op table (tools/gen-nl.py) and
ophotonctl's tables (gen-proto.py) are generated from the spec and checked
by their generators' --check.  Prints TAP; exits 1 on a mismatch."""
import re
import sys
from pathlib import Path

import yaml

top = Path(__file__).resolve().parent.parent
spec = yaml.safe_load((top / "Documentation/netlink/specs/ophoton.yaml").read_text())
header = (top / "uapi/linux/ophoton.h").read_text()
family = spec["name"]


def c_name(prefix, name):
    return (prefix + name).upper().replace("-", "_")


def strip_comments(text):
    return re.sub(r"/\*.*?\*/", "", text, flags=re.S)


def enum_values(enum_name):
    """Enumerators of `enum enum_name` in the header (skipping __X and X_MAX)."""
    m = re.search(r"enum %s \{(.*?)\};" % enum_name, header, re.S)
    if not m:
        return None
    values, nxt = {}, 0
    for item in [i.strip() for i in strip_comments(m.group(1)).split(",") if i.strip()]:
        name, _, val = (p.strip() for p in item.partition("="))
        if name.startswith("__") or name.endswith("_MAX"):
            continue
        nxt = int(val, 0) if val else nxt
        values[name] = nxt
        nxt += 1
    return values


ALL_ENUMS = {}
for m in re.finditer(r"enum (\w+) \{", header):
    ALL_ENUMS.update(enum_values(m.group(1)) or {})

tests = []


def check(name, ok, want, have):
    tests.append((name, ok, want, have))


# Commands.
ops = spec["operations"]
want, nxt = {}, 1
for op in ops["list"]:
    nxt = op.get("value", nxt)
    want[c_name(ops["name-prefix"], op["name"])] = nxt
    nxt += 1
have = {k: v for k, v in (enum_values("%s_cmd" % family) or {}).items()
        if not k.endswith("UNSPEC")}
check("spec: commands match the uapi header", want == have, want, have)

# Attribute sets: "ophoton" is enum ophoton_attr, others enum ophoton_<set>.
sets = {s["name"]: s for s in spec["attribute-sets"]}
for aset in spec["attribute-sets"]:
    enum = "%s_attr" % family if aset["name"] == family else \
        aset.get("enum-name", "%s_%s" % (family, aset["name"].replace("-", "_")))
    want, nxt = {}, 1
    for a in aset["attributes"]:
        nxt = a.get("value", nxt)
        want[c_name(aset["name-prefix"], a["name"])] = nxt
        nxt += 1
    have = {k: v for k, v in (enum_values(enum) or {}).items() if not k.endswith("UNSPEC")}
    check("spec: attribute set %s matches enum %s" % (aset["name"], enum),
          want == have, want, have)

# Enums in definitions.
for d in spec.get("definitions", []):
    if d.get("type") != "enum":
        continue
    prefix = d.get("name-prefix", "%s-%s-" % (family, d["name"]))
    start = d.get("value-start", 0)
    want = {c_name(prefix, e if isinstance(e, str) else e["name"]): start + i
            for i, e in enumerate(d["entries"])}
    enum = "%s_%s" % (family, d["name"].replace("-", "_"))
    have = enum_values(enum)
    check("spec: enum %s matches the uapi header" % d["name"], want == have, want, have)

ver = int(re.search(r"#define OPHOTON_GENL_VERSION\s+(\d+)", header).group(1))
check("spec: family version matches OPHOTON_GENL_VERSION", ver == spec["version"],
      spec["version"], ver)
grps = re.findall(r'#define OPHOTON_MCGRP_\w+\s+"(\w+)"', header)
want = [g["name"] for g in spec["mcast-groups"]["list"]]
check("spec: multicast groups match the header", want == grps, want, grps)

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

print("TAP version 13")
print("1..%d" % len(tests))
failed = 0
for i, (name, ok, want, have) in enumerate(tests, 1):
    print("%sok %d %s" % ("" if ok else "not ", i, name))
    if not ok:
        failed += 1
        print("# spec:  %s\n# other: %s" % (want, have))
sys.exit(1 if failed else 0)
