#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write tools/ophotonctl/proto.c, ophotonctl's view of the ophoton family,
from the YNL spec: every attribute set with each attribute's name, type,
nested set, enum and unit; the libnl policies that validate replies; enum
and command names.  The JSON keys, the human labels, the decoder and the
error messages all come from these tables.

  gen-proto.py            print proto.c
  gen-proto.py --check    TAP: the committed proto.c is what this writes
"""
import sys
from pathlib import Path

import yaml

top = Path(__file__).resolve().parent.parent.parent
spec = yaml.safe_load((top / "Documentation/netlink/specs/ophoton.yaml").read_text())
family = spec["name"]

# Unit suffixes of attribute names: the human label drops them and the
# value is shown in the unit's human form.
UNITS = [("-udbm", "UDBM"), ("-mdb", "MDB"), ("-mc", "MC"), ("-uw", "UW"),
         ("-mw", "MW"), ("-w", "W"), ("-mv", "MV"), ("-ua", "UA"), ("-ma", "MA"),
         ("-wall-ns", "WALL"), ("-ns", "NS"), ("-ms", "MS"), ("-gbps", "GBPS"), ("-dm", "DM"),
         ("-ps", "PS"), ("-ppm", "PPM"), ("-pm", "PM"), ("-mhz", "MHZ"),
         ("-permille", "PERMILLE"), ("ber-bound-e", "BER_BOUND"), ("ber-e", "BER"),
         ("-in-s", "S"), ("-ppb-h", "PPB_H")]
# proto.h: ONL_KEY_MAX, ONL_NAME_MAX.
KEY_MAX = 40
NAME_MAX = 40

TYPES = {"u8": ("ONL_U8", "NLA_U8"), "u16": ("ONL_U16", "NLA_U16"),
         "u32": ("ONL_U32", "NLA_U32"), "u64": ("ONL_U64", "NLA_U64"),
         "s32": ("ONL_S32", "NLA_U32"), "flag": ("ONL_FLAG", "NLA_FLAG"),
         "string": ("ONL_STRING", "NLA_STRING"), "nest": ("ONL_NEST", "NLA_NESTED"),
         "pad": ("ONL_PAD", None),
         # A nest of u32 entries (the only sub-type the spec uses): a list.
         "indexed-array": ("ONL_NEST", "NLA_NESTED")}


def c_name(prefix, name):
    return (prefix + name).upper().replace("-", "_")


def ident(name):
    return name.replace("-", "_")


def unit_of(name):
    for suffix, unit in UNITS:
        if name.endswith(suffix):
            # A wall clock keeps "wall" in its label: "wall 2026-12-07T...".
            if unit == "WALL":
                return unit, name[: -len("-ns")]
            return unit, name[: -len(suffix)] if suffix.startswith("-") else "ber"
    return "NONE", name


def generate():
    o = []
    w = o.append
    w("// SPDX-License-Identifier: GPL-2.0")
    w("/*")
    w(" * The ophoton family as ophotonctl sees it, written by gen-proto.py from")
    w(" * Documentation/netlink/specs/ophoton.yaml: do not edit, regenerate.")
    w(" * Strings use NLA_STRING: libnl 3.7 checks neither length nor")
    w(" * termination for NLA_NUL_STRING.")
    w(" */")
    w("#include <stddef.h>")
    w("#include <linux/ophoton.h>")
    w("#include <netlink/attr.h>")
    w("")
    w('#include "proto.h"')
    w("")
    enums = {}
    for d in spec.get("definitions", []):
        if d.get("type") != "enum":
            continue
        start = d.get("value-start", 0)
        names = [e if isinstance(e, str) else e["name"] for e in d["entries"]]
        for n in names:
            if len(n) > NAME_MAX:
                sys.exit("gen-proto: enum name %s is over %d bytes (proto.h ONL_NAME_MAX)"
                         % (n, NAME_MAX))
        enums[d["name"]] = ident(d["name"])
        w("static const char *const enum_%s_names[] = {" % ident(d["name"]))
        for n in names:
            w('\t"%s",' % n)
        w("};")
        w("")
        w("static const unsigned char enum_%s_lens[] = {" % ident(d["name"]))
        w("\t" + ", ".join(str(len(n)) for n in names) + ",")
        w("};")
        w("")
        w("const struct onl_enum onl_enum_%s = {" % ident(d["name"]))
        w('\t.name = "%s", .first = %d, .n = %d, .names = enum_%s_names,'
          % (d["name"], start, len(names), ident(d["name"])))
        w("\t.lens = enum_%s_lens," % ident(d["name"]))
        w("};")
        w("")
    sets = spec["attribute-sets"]
    for s in sets:
        w("extern const struct onl_set onl_set_%s;" % ident(s["name"]))
    w("")
    # Every attribute of every set numbered from 0: an index of its own
    # for what the printer remembers of it.
    idx = 0
    # The payload of a number, one at a time: what print.c decodes
    # without asking the type again.
    SCALAR_LEN = {"u8": 1, "u16": 2, "u32": 4, "s32": 4, "u64": 8}
    for s in sets:
        enum_max = "%s_MAX" % c_name(s["name-prefix"], "").rstrip("_")
        sid = ident(s["name"])
        w("static const struct onl_attr set_%s_attrs[%s + 1] = {" % (sid, enum_max))
        for a in s["attributes"]:
            if a["type"] == "indexed-array" and a.get("sub-type") != "u32":
                sys.exit("gen-proto: %s: an indexed-array of %s, where print.c reads u32"
                         % (a["name"], a.get("sub-type")))
            t, _ = TYPES[a["type"]]
            unit, label = unit_of(a["name"])
            if len(a["name"]) + 4 > KEY_MAX:
                sys.exit("gen-proto: attribute %s is over %d bytes as a JSON key "
                         "(proto.h ONL_KEY_MAX)" % (a["name"], KEY_MAX))
            # The JSON key as written, '"name": '; compact output leaves
            # out the space, pretty output keeps it.
            fields = ['.name = "%s"' % a["name"], '.label = "%s"' % label,
                      '.key = "\\"%s\\": "' % a["name"], ".key_len = %d" % (len(a["name"]) + 3),
                      ".type = %s" % t, ".unit = ONL_UNIT_%s" % unit, ".idx = %d" % idx]
            idx += 1
            if a.get("nested-attributes"):
                fields.append(".nested = &onl_set_%s" % ident(a["nested-attributes"]))
            if a.get("enum"):
                fields.append(".enm = &onl_enum_%s" % enums[a["enum"]])
            if a.get("multi-attr"):
                fields.append(".multi = 1")
            elif a["type"] in SCALAR_LEN:
                fields.append(".scalar_len = %d" % SCALAR_LEN[a["type"]])
            w("\t[%s] = {" % c_name(s["name-prefix"], a["name"]))
            w("\t\t" + ", ".join(fields[:2]) + ",")
            w("\t\t" + ", ".join(fields[2:4]) + ",")
            w("\t\t" + ", ".join(fields[4:]) + ",")
            w("\t},")
        w("};")
        w("")
        w("static struct nla_policy set_%s_policy[%s + 1] = {" % (sid, enum_max))
        for a in s["attributes"]:
            _, pol = TYPES[a["type"]]
            if pol:
                w("\t[%s] = { .type = %s }," % (c_name(s["name-prefix"], a["name"]), pol))
        w("};")
        w("")
        w("const struct onl_set onl_set_%s = {" % sid)
        w('\t.name = "%s", .max = %s,' % (s["name"], enum_max))
        w("\t.attrs = set_%s_attrs, .policy = set_%s_policy," % (sid, sid))
        w("};")
        w("")
    w("const int onl_attrs_total = %d;" % idx)
    w("")
    ops = spec["operations"]
    w("const char *const onl_cmd_names[%s + 1] = {" % c_name(ops["name-prefix"], "max"))
    for op in ops["list"]:
        w('\t[%s] = "%s",' % (c_name(ops["name-prefix"], op["name"]), op["name"]))
    w("};")
    return "\n".join(o) + "\n"


def main():
    text = generate()
    path = Path(__file__).resolve().parent / "proto.c"
    if len(sys.argv) > 1 and sys.argv[1] == "--check":
        ok = path.exists() and path.read_text() == text
        print("TAP version 13\n1..1")
        print("%sok 1 ophotonctl: proto.c is what gen-proto.py writes from the spec"
              % ("" if ok else "not "))
        return 0 if ok else 1
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
