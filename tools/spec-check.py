#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Check that the YNL spec, the uapi header, the kernel's policy tables and
ophotonctl's attribute names describe the same protocol: names, values,
types and ranges.  Prints TAP; exits 1 on a mismatch."""
import re
import sys
from pathlib import Path

import yaml

top = Path(__file__).resolve().parent.parent
spec = yaml.safe_load((top / "Documentation/netlink/specs/ophoton.yaml").read_text())
header = (top / "uapi/linux/ophoton.h").read_text()
kernel = (top / "driver/netlink.c").read_text()
cli = (top / "tools/ophotonctl/proto.c").read_text()
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

# Kernel policies: per op, the accepted attributes with their types and ranges.
TYPES = {"u8": "NLA_U8", "u16": "NLA_U16", "u32": "NLA_U32", "u64": "NLA_U64",
         "flag": "NLA_FLAG", "string": "NLA_NUL_STRING", "s32": "NLA_S32",
         "nest": "NLA_NESTED"}


def range_of(body):
    """min and max of a netlink_range_validation initialiser."""
    def val(field):
        m = re.search(r"\.%s\s*=\s*([^,\n]+)" % field, body)
        if not m:
            return None
        expr = m.group(1).replace("ULL", "").replace("NSEC_PER_SEC", "1000000000")
        return int(eval(expr, {"__builtins__": {}}))  # digits and * only
    return (val("min"), val("max"))


ranges = {m.group(1): range_of(m.group(2))
          for m in re.finditer(r"netlink_range_validation (\w+) = \{(.*?)\};", kernel, re.S)}


def enum_or_int(x):
    return ALL_ENUMS.get(x, int(x, 0) if x.isdigit() else x)


def policy(pol_name):
    """The kernel's policy table @pol_name: {C name: (type, min, max, nested)}."""
    m = re.search(r"nla_policy %s\[[^\]]*\] = \{(.*?)\n\};" % pol_name, kernel, re.S)
    if not m:
        return None
    # Split at each "[ATTR] =": an entry may run over several lines.
    parts = re.split(r"\[(OPHOTON_A_\w+)\]\s*=\s*", m.group(1))
    have = {}
    for i in range(1, len(parts), 2):
        pol = " ".join(parts[i + 1].split())
        nested = re.search(r"NLA_POLICY_NESTED\((\w+)\)", pol)
        if nested:
            have[parts[i]] = ("NLA_NESTED", None, None, policy(nested.group(1)))
            continue
        t = re.search(r"NLA_\w+", pol.replace("NLA_POLICY_", "")).group(0)
        lo = hi = None
        r = re.search(r"NLA_POLICY_RANGE\(\w+,\s*(\w+),\s*(\w+)\)", pol)
        if r:
            lo, hi = (enum_or_int(x) for x in r.groups())
        r = re.search(r"NLA_POLICY_FULL_RANGE\(\w+,\s*&(\w+)\)", pol)
        if r and ranges.get(r.group(1)):
            lo, hi = ranges[r.group(1)]
        r = re.search(r"NLA_POLICY_MAX\(\w+,\s*(\w+)\)", pol)
        if r:
            hi = enum_or_int(r.group(1))
        r = re.search(r"NLA_POLICY_MIN\(\w+,\s*(\w+)\)", pol)
        if r:
            lo = enum_or_int(r.group(1))
        have[parts[i]] = (t, lo, hi, None)
    return have


def spec_policy(aset, names):
    """What the spec says a policy over @names of set @aset holds."""
    want = {}
    by_name = {a["name"]: a for a in sets[aset]["attributes"]}
    for name in names:
        a = by_name[name]
        chk = a.get("checks", {})
        nested = None
        if a["type"] == "nest" and a.get("nested-attributes") and \
                a.get("multi-attr"):
            sub = sets[a["nested-attributes"]]
            nested = spec_policy(sub["name"], [x["name"] for x in sub["attributes"]])
        want[c_name(sets[aset]["name-prefix"], name)] = (
            TYPES[a["type"]], chk.get("min"), chk.get("max"), nested)
    return want


for op in ops["list"]:
    req = (op.get("do") or {}).get("request")
    pol_name = "%s_%s_policy" % (family, op["name"].replace("-", "_"))
    have = policy(pol_name)
    if not req:
        check("policy: %s takes no attributes (core rejects all)" % op["name"],
              have is None, "no policy", pol_name if have is not None else "no policy")
        continue
    want = spec_policy(family, req["attributes"])
    check("policy: %s accepts what the spec's request lists" % op["name"],
          want == (have or {}), want, have)

# Privilege: the ops the spec marks uns-admin-perm, and only those, carry
# GENL_UNS_ADMIN_PERM in the kernel's op table.
kops = {}
for m in re.finditer(r"\{\s*(?:/\*.*?\*/\s*)?\.cmd\s*=\s*(OPHOTON_CMD_\w+),(.*?)\n\t\}", kernel, re.S):
    kops[m.group(1)] = "GENL_UNS_ADMIN_PERM" in m.group(2)
want = {c_name(ops["name-prefix"], op["name"]): "uns-admin-perm" in op.get("flags", [])
        for op in ops["list"] if op.get("do")}
check("spec: the privileged ops are the kernel's GENL_UNS_ADMIN_PERM ops", kops == want,
      want, kops)

# ophotonctl's names.
names = dict(re.findall(r"\[(OPHOTON_A_\w+)\] = \{\s*\.name = \"([^\"]+)\"", cli))
want = {c_name(sets[family]["name-prefix"], a["name"]): a["name"]
        for a in sets[family]["attributes"]}
have = {k: names.get(k) for k in want}
check("spec: ophotonctl names every attribute as the spec does", have == want, want, have)

ver = int(re.search(r"#define OPHOTON_GENL_VERSION\s+(\d+)", header).group(1))
check("spec: family version matches OPHOTON_GENL_VERSION", ver == spec["version"],
      spec["version"], ver)
grps = re.findall(r'#define OPHOTON_MCGRP_\w+\s+"(\w+)"', header)
kgrps = re.findall(r'\[OPHOTON_NLGRP_\w+\]\s*=\s*\{\s*\.name\s*=\s*OPHOTON_MCGRP_(\w+)', kernel)
want = [g["name"] for g in spec["mcast-groups"]["list"]]
check("spec: multicast groups match the header and the kernel",
      want == grps and [k.lower() for k in kgrps] == want, want, (grps, kgrps))

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
