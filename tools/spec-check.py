#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check that the YNL spec, the uapi header and ophotonctl's attribute names
describe the same protocol: every command and attribute in one exists in the
others with the same value and name.  Prints TAP; exits 1 on a mismatch."""
import re
import sys
from pathlib import Path

import yaml

top = Path(__file__).resolve().parent.parent
spec = yaml.safe_load((top / "Documentation/netlink/specs/ophoton.yaml").read_text())
header = (top / "uapi/linux/ophoton.h").read_text()
cli = (top / "tools/ophotonctl/attrs.c").read_text()


def c_name(prefix, name):
    return (prefix + name).upper().replace("-", "_")


def enum_values(enum_name):
    """Values of the enumerators of `enum enum_name` in the header."""
    body = re.search(r"enum %s \{(.*?)\};" % enum_name, header, re.S).group(1)
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    values, nxt = {}, 0
    for item in [i.strip() for i in body.split(",") if i.strip()]:
        name, _, val = (p.strip() for p in item.partition("="))
        if name.startswith("__") or name.endswith("_MAX"):
            continue
        nxt = int(val, 0) if val else nxt
        values[name] = nxt
        nxt += 1
    return values


def spec_values(items, prefix):
    values, nxt = {}, 1
    for item in items:
        nxt = item.get("value", nxt)
        values[c_name(prefix, item["name"])] = nxt
        nxt += 1
    return values


tests = []
ops = spec["operations"]
want = spec_values(ops["list"], ops["name-prefix"])
have = {k: v for k, v in enum_values("ophoton_cmd").items() if not k.endswith("UNSPEC")}
tests.append(("spec: commands match uapi enum ophoton_cmd", want == have, want, have))

aset = spec["attribute-sets"][0]
want = spec_values(aset["attributes"], aset["name-prefix"])
have = {k: v for k, v in enum_values("ophoton_attr").items() if not k.endswith("UNSPEC")}
tests.append(("spec: attributes match uapi enum ophoton_attr", want == have, want, have))

names = dict(re.findall(r"\[(OPHOTON_A_\w+)\]\s*=\s*\"([^\"]+)\"", cli))
want = {c_name(aset["name-prefix"], a["name"]): a["name"] for a in aset["attributes"]}
tests.append(("spec: ophotonctl names every attribute as the spec does", names == want, want, names))

ver = int(re.search(r"#define OPHOTON_GENL_VERSION\s+(\d+)", header).group(1))
tests.append(("spec: family version matches OPHOTON_GENL_VERSION", ver == spec["version"],
              spec["version"], ver))

print("TAP version 13")
print("1..%d" % len(tests))
failed = 0
for i, (name, ok, want, have) in enumerate(tests, 1):
    print("%sok %d %s" % ("" if ok else "not ", i, name))
    if not ok:
        failed += 1
        print("# spec:  %s\n# other: %s" % (want, have))
sys.exit(1 if failed else 0)
