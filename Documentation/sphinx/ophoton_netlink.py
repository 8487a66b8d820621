# SPDX-License-Identifier: GPL-2.0
"""Sphinx directives that document the ophoton netlink family from its YNL
spec, Documentation/netlink/specs/ophoton.yaml, at build time, so the
tables cannot drift: the names, values, types, ranges, enums, nests,
per-command attributes, permissions and multicast groups, and the doc of
every command, attribute and enum entry (the uapi header's kernel-doc is
generated from the same docs by tools/gen-nl.py).

Directives (no arguments unless said):

  .. ophoton-netlink-ops::             one section per command
  .. ophoton-netlink-attrs:: SET       the table of an attribute set
  .. ophoton-netlink-enums::           one table per enum
  .. ophoton-netlink-mcgrps::          the multicast groups

A command, attribute or enum entry without a doc is an error, which
"make htmldocs" (sphinx-build -W) makes fatal.
"""
import re
from pathlib import Path

import yaml
from docutils import nodes
from docutils.parsers.rst import Directive
from docutils.statemachine import StringList
from sphinx.util.nodes import nested_parse_with_titles

TOP = Path(__file__).resolve().parent.parent.parent
SPEC = TOP / "Documentation/netlink/specs/ophoton.yaml"

# Units carried by attribute-name suffixes (the header's convention).
UNITS = [
    ("-udbm", "0.001 dBm"), ("-mdb", "0.001 dB"), ("-mc", "0.001 °C"),
    ("-uw", "µW"), ("-mw", "mW"), ("-w", "W"), ("-mv", "mV"), ("-ua", "µA"),
    ("-ma", "mA"), ("-ns", "ns"), ("-ms", "ms"), ("-gbps", "Gb/s"),
    ("-dm", "dm"), ("-ps", "ps"), ("-ppm", "ppm"), ("-pm", "pm"),
    ("-mhz", "MHz"), ("-permille", "‰"),
]

# Attributes whose unit is not in their name.
UNIT_OF = {
    ("ophoton", "fabric-time-scale"): "virtual s per real s",
    ("ophoton", "fault-amount"): "mK",
    ("ophoton", "fault-value"): "by fault kind",
    ("ophoton", "alarm-flags"): "bit mask",
    ("ophoton", "alarm-lasers"): "bit mask",
    ("lane-stats", "ber-e"): "−100·log10(BER)",
    ("lane-stats", "ber-bound-e"): "−100·log10(BER), a bound",
    ("thresh", "alarm-lo"): "unit of the thresh-id",
    ("thresh", "warn-lo"): "unit of the thresh-id",
    ("thresh", "warn-hi"): "unit of the thresh-id",
    ("thresh", "alarm-hi"): "unit of the thresh-id",
}
for _set in ("link-stats", "module-stats", "lane-stats", "agg-stats", "laser-stats"):
    UNIT_OF[(_set, "flags")] = "bit mask"
    UNIT_OF[(_set, "latched")] = "bit mask"


def c_name(prefix, name):
    return (prefix + name).upper().replace("-", "_")


class Protocol:
    """The spec, its docs cross-referenced."""

    def __init__(self):
        self.spec = yaml.safe_load(SPEC.read_text())
        self.family = self.spec["name"]
        self.sets = {s["name"]: s for s in self.spec["attribute-sets"]}
        self.enums = {d["name"]: d for d in self.spec.get("definitions", [])
                      if d.get("type") == "enum"}
        self.errors = []
        self.docs = {}
        for op in self.ops():
            self.docs[op["c"]] = op.get("doc")
        for st in self.spec["attribute-sets"]:
            for a in self.attrs(st["name"]):
                self.docs[a["c"]] = a.get("doc")
        for e in self.enums.values():
            for entry, c, _ in self.enum_entries(e):
                self.docs[c] = next((x.get("doc") for x in e["entries"]
                                     if isinstance(x, dict) and x["name"] == entry), None)
        # C name -> how the pages name it, for the docs' %REFERENCES.
        self.names = {}
        for op in self.ops():
            self.names[op["c"]] = "``%s``" % op["name"]
        for s in self.spec["attribute-sets"]:
            for a in s["attributes"]:
                name = "``%s``" % a["name"]
                if s["name"] != self.family:
                    name += " (%s)" % s["name"]
                self.names[c_name(s["name-prefix"], a["name"])] = name
        for e in self.enums.values():
            for entry, c, _ in self.enum_entries(e):
                self.names[c] = "``%s`` (%s)" % (entry, e["name"])

    def doc(self, cname, what):
        d = self.docs.get(cname)
        if d is None:
            self.errors.append("%s %s has no doc in the spec" % (what, cname))
            return ""
        return d

    def rst(self, text):
        """Doc prose with %C_NAMES turned into the pages' names."""
        def sub(m):
            return self.names.get(m.group(1), "``%s``" % m.group(1))
        text = re.sub(r"%(OPHOTON_\w+)", sub, text)
        # Stray reST markup characters in the prose are literal.
        return text.replace("*", r"\*").replace("|", r"\|")

    def ops(self):
        ops = self.spec["operations"]
        nxt = 1
        for op in ops["list"]:
            nxt = op.get("value", nxt)
            yield dict(op, value=nxt, c=c_name(ops["name-prefix"], op["name"]))
            nxt += 1

    def attrs(self, set_name):
        s = self.sets[set_name]
        nxt = 1
        for a in s["attributes"]:
            nxt = a.get("value", nxt)
            yield dict(a, value=nxt, c=c_name(s["name-prefix"], a["name"]))
            nxt += 1

    def enum_entries(self, e):
        prefix = e.get("name-prefix", "%s-%s-" % (self.family, e["name"]))
        for i, entry in enumerate(e["entries"]):
            name = entry if isinstance(entry, str) else entry["name"]
            yield name, c_name(prefix, name), e.get("value-start", 0) + i

    def attr_doc(self, set_name, a):
        """An attribute's doc (the type has its own column)."""
        if a["type"] == "pad":
            return "padding for 64-bit attributes"
        return self.rst(self.doc(a["c"], "attribute"))

    @staticmethod
    def unit(set_name, a):
        u = UNIT_OF.get((set_name, a["name"]))
        if u:
            return u
        for suffix, unit in UNITS:
            if a["name"].endswith(suffix):
                return unit
        return "—"

    def type_of(self, a):
        t = a["type"]
        if a.get("enum"):
            t += ", enum :ref:`%s <ophoton-enum-%s>`" % (a["enum"], a["enum"])
        if a.get("nested-attributes"):
            t += " of :ref:`%s <ophoton-set-%s>`" % (a["nested-attributes"],
                                                    a["nested-attributes"])
        if a.get("multi-attr"):
            t += ", repeated"
        return t

    @staticmethod
    def checks(a):
        c = a.get("checks") or {}
        if "min" in c and "max" in c:
            return "%s to %s" % (c["min"], c["max"])
        if "max" in c:
            return "at most %s" % c["max"]
        if "min" in c:
            return "at least %s" % c["min"]
        return ""


def list_table(header, rows, widths):
    """reST lines of a list-table."""
    out = [".. list-table::", "   :header-rows: 1",
           "   :widths: " + " ".join(str(w) for w in widths), ""]
    for row in [header] + rows:
        first = True
        for cell in row:
            lines = str(cell).splitlines() or [""]
            out.append(("   * - " if first else "     - ") + lines[0])
            out.extend("       " + ln for ln in lines[1:])
            first = False
    out.append("")
    return out


class _Base(Directive):
    has_content = False

    def render(self, lines, proto):
        env = self.state.document.settings.env
        env.note_dependency(str(SPEC))
        if proto.errors:
            raise self.error("ophoton netlink docs: " + "; ".join(proto.errors))
        node = nodes.section()
        node.document = self.state.document
        nested_parse_with_titles(self.state, StringList(lines, str(SPEC)), node)
        return node.children


class OpsDirective(_Base):
    """One subsection per command: meaning, permission, attributes."""

    def run(self):
        p = Protocol()
        by_attr = {a["name"]: a for a in p.attrs(p.family)}
        lines = []
        for op in p.ops():
            title = op["name"]
            lines += [".. _ophoton-op-%s:" % op["name"], "", title, "-" * len(title), ""]
            lines += [":command: ``%s`` = %d" % (op["c"], op["value"])]
            if "event" in op:
                lines += [":sent on: the ``%s`` multicast group" % op["mcgrp"],
                          ":spec lists: %s" % ", ".join("``%s``" % x for x in
                                                      op["event"]["attributes"]),
                          "", p.rst(p.doc(op["c"], "command")), ""]
                continue
            kinds = [k for k in ("do", "dump") if k in op]
            perm = ("``CAP_NET_ADMIN`` over the fabric's network namespace "
                    "(``GENL_UNS_ADMIN_PERM``)" if "uns-admin-perm" in op.get("flags", [])
                    else "none: open to every user")
            lines += [":requests: %s" % ", ".join(kinds), ":permission: %s" % perm, "",
                      p.rst(p.doc(op["c"], "command")), ""]
            req = ((op.get("do") or {}).get("request") or {}).get("attributes", [])
            if req:
                rows = []
                for name in req:
                    a = by_attr[name]
                    rows.append(["``%s``" % name, p.type_of(a), p.unit(p.family, a),
                                 p.checks(a)])
                lines += ["Request attributes (the kernel's policy accepts these and "
                          "no others):", ""]
                lines += list_table(["attribute", "type", "unit", "range"], rows,
                                    [25, 35, 20, 20])
            else:
                lines += ["The request takes no attributes; the kernel refuses any.", ""]
            rep = ((op.get("do") or {}).get("reply") or {}).get("attributes", [])
            if rep:
                lines += ["Reply attributes: %s." % ", ".join("``%s``" % x for x in rep), ""]
            else:
                lines += ["The reply is an ACK.", ""]
        return self.render(lines, p)


class AttrsDirective(_Base):
    """The table of one attribute set."""

    required_arguments = 1

    def run(self):
        p = Protocol()
        set_name = self.arguments[0]
        if set_name not in p.sets:
            raise self.error("no attribute set %r in %s" % (set_name, SPEC.name))
        rows = []
        for a in p.attrs(set_name):
            rows.append(["``%s``" % a["name"], str(a["value"]), p.type_of(a),
                         p.unit(set_name, a), p.checks(a), p.attr_doc(set_name, a)])
        lines = [".. _ophoton-set-%s:" % set_name, ""]
        lines += list_table(["attribute", "value", "type", "unit", "range", "meaning"],
                            rows, [18, 6, 18, 12, 10, 36])
        return self.render(lines, p)


class EnumsDirective(_Base):
    """One table per enum of the spec."""

    def run(self):
        p = Protocol()
        lines = []
        for e in p.enums.values():
            title = e["name"]
            lines += [".. _ophoton-enum-%s:" % title, "", title, "-" * len(title), ""]
            enum_c = "%s_%s" % (p.family, e["name"].replace("-", "_"))
            lines += ["``enum %s``." % enum_c, ""]
            rows = [["``%s``" % name, str(v), p.rst(p.doc(c, "enum entry"))]
                    for name, c, v in p.enum_entries(e)]
            lines += list_table(["name", "value", "meaning"], rows, [25, 10, 65])
        return self.render(lines, p)


class McgrpsDirective(_Base):
    """The multicast groups and what is sent on each."""

    def run(self):
        p = Protocol()
        rows = []
        for g in p.spec["mcast-groups"]["list"]:
            sent = [op["name"] for op in p.ops() if op.get("mcgrp") == g["name"]]
            rows.append(["``%s``" % g["name"],
                         ", ".join(":ref:`%s <ophoton-op-%s>`" % (s, s) for s in sent)])
        return self.render(list_table(["group", "notifications"], rows, [20, 80]), p)


def setup(app):
    app.add_directive("ophoton-netlink-ops", OpsDirective)
    app.add_directive("ophoton-netlink-attrs", AttrsDirective)
    app.add_directive("ophoton-netlink-enums", EnumsDirective)
    app.add_directive("ophoton-netlink-mcgrps", McgrpsDirective)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
