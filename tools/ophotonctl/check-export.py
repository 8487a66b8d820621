#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Check the text "ophotonctl fabric export" wrote, as its consumers read it.

  check-export.py FILE                  Prometheus text format 0.0.4
  check-export.py --openmetrics FILE    OpenMetrics 1.0 text
  check-export.py --node-exporter FILE  node_exporter's textfile collector
                                        reads FILE without an error

The Prometheus checks are stricter than prometheus_client's parser, which
takes what it does not understand for untyped samples: only the types of
format 0.0.4, one HELP and one TYPE per family before its samples, every
sample named as its TYPE line, no OpenMetrics lines, no series twice; then
the parser must see every family with its type.  --node-exporter runs
Debian's prometheus-node-exporter on FILE, on 127.0.0.1 (the caller gives
it a loopback), scrapes it and compares; it exits 4 when node_exporter is
not installed.  Silent on success; exits 1 saying why otherwise.

/usr/bin/python3: Debian's python3-prometheus-client is installed for it.
"""
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

TYPES = {"counter", "gauge", "untyped", "summary", "histogram"}
SAMPLE = re.compile(r"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})? (\S+)$")


class Bad(Exception):
    pass


def check(cond, why):
    if not cond:
        raise Bad(why)


def strict_prometheus(text):
    """The line rules of format 0.0.4; returns {name: (type, [samples])}."""
    fams, series = {}, set()
    help_of, cur = set(), None
    check(text.endswith("\n"), "no newline at the end")
    for no, line in enumerate(text.splitlines(), 1):
        where = "line %d: %r" % (no, line)
        if line.startswith("#"):
            parts = line.split(None, 3)
            check(len(parts) >= 3 and parts[1] in ("HELP", "TYPE"),
                  "%s: a comment that is neither HELP nor TYPE (# EOF and # UNIT "
                  "are OpenMetrics)" % where)
            name = parts[2]
            if parts[1] == "HELP":
                check(name not in help_of, "%s: a second HELP for %s" % (where, name))
                check(name not in fams, "%s: HELP after the TYPE of %s" % (where, name))
                help_of.add(name)
            else:
                check(len(parts) == 4 and parts[3] in TYPES,
                      "%s: a type format 0.0.4 does not know" % where)
                check(name not in fams, "%s: a second TYPE for %s" % (where, name))
                check(name in help_of, "%s: TYPE without HELP" % where)
                if parts[3] == "counter":
                    check(name.endswith("_total"),
                          "%s: a counter's TYPE names its samples, _total included" % where)
                fams[name] = (parts[3], [])
                cur = name
            continue
        m = SAMPLE.match(line)
        check(m, "%s: not a sample" % where)
        check(m.group(1) == cur,
              "%s: a sample of %s under the TYPE of %s" % (where, m.group(1), cur))
        check((m.group(1), m.group(2)) not in series, "%s: the same series twice" % where)
        series.add((m.group(1), m.group(2)))
        float(m.group(3))
        fams[cur][1].append(line)
    for name, (typ, samples) in fams.items():
        check(samples, "%s: a TYPE without samples" % name)
    check(fams, "no metric at all")
    return fams


def parsed(text, openmetrics=False):
    if openmetrics:
        from prometheus_client.openmetrics.parser import text_string_to_metric_families
    else:
        from prometheus_client.parser import text_string_to_metric_families
    return {f.name: f for f in text_string_to_metric_families(text)}


def base(name, typ):
    """A family's name as prometheus_client reports it."""
    return name[:-len("_total")] if typ == "counter" else name


def check_prometheus(text):
    fams = strict_prometheus(text)
    got = parsed(text)
    for name, (typ, samples) in fams.items():
        f = got.get(base(name, typ))
        check(f is not None, "prometheus_client does not see %s" % name)
        check(f.type == typ, "%s: prometheus_client reads %s, not %s" % (name, f.type, typ))
        check(len(f.samples) == len(samples), "%s: %d samples parsed, %d written"
              % (name, len(f.samples), len(samples)))
        check(all(s.name == name for s in f.samples), "%s: samples named otherwise" % name)
    check(len(got) == len(fams), "families outside any TYPE: %s"
          % sorted(set(got) - {base(n, t) for n, (t, _) in fams.items()}))
    # What ophotonctl writes in particular: counters, and states as gauges.
    downs = got.get("ophoton_link_downs")
    check(downs is not None and downs.type == "counter", "no ophoton_link_downs counter")
    states = got.get("ophoton_laser_module_state")
    if states is not None:
        check(states.type == "gauge", "the module states are not a gauge")
        per = {}
        for s in states.samples:
            check("state" in s.labels and s.value in (0, 1), "a module state: %s" % (s,))
            key = (s.labels["side"], s.labels["module"])
            per[key] = per.get(key, 0) + s.value
        check(all(v == 1 for v in per.values()), "a module not in exactly one state")


def check_openmetrics(text):
    check(text.endswith("# EOF\n"), "no # EOF at the end")
    got = parsed(text, openmetrics=True)
    check(got["ophoton_link_downs"].type == "counter", "ophoton_link_downs not a counter")
    check(all(s.name == "ophoton_link_downs_total" for s in got["ophoton_link_downs"].samples),
          "ophoton_link_downs samples without _total")
    check(got["ophoton_fabric_links"].samples, "no ophoton_fabric_links samples")
    if "ophoton_laser_module_state" in got:
        check(got["ophoton_laser_module_state"].type == "stateset", "module state not a stateset")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_node_exporter(text):
    exe = shutil.which("prometheus-node-exporter") or shutil.which("node_exporter")
    if not exe:
        print("# SKIP node_exporter is not installed (apt-get install prometheus-node-exporter)")
        sys.exit(4)
    # node_exporter judges alone: what the file says, read without rules.
    fams = {}
    for line in text.splitlines():
        parts = line.split()
        if line.startswith("# TYPE ") and len(parts) == 4:
            fams[parts[2]] = (parts[3], [])
        elif line and not line.startswith("#"):
            name = SAMPLE.match(line).group(1) if SAMPLE.match(line) else line
            for fam in fams:
                if name == fam:
                    fams[fam][1].append(line)
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "ophoton.prom"), "w") as f:
            f.write(text)
        port = free_port()
        proc = subprocess.Popen([exe, "--collector.disable-defaults", "--collector.textfile",
                                 "--collector.textfile.directory=" + d,
                                 "--web.listen-address=127.0.0.1:%d" % port],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            scrape = None
            for _ in range(100):
                try:
                    with urllib.request.urlopen("http://127.0.0.1:%d/metrics" % port,
                                                timeout=5) as r:
                        scrape = r.read().decode()
                    break
                except OSError:
                    check(proc.poll() is None, "node_exporter exited")
                    time.sleep(0.1)
            check(scrape is not None, "node_exporter did not answer")
        finally:
            proc.terminate()
            log = proc.communicate(timeout=10)[0]
    try:
        got = parsed(scrape)
        err = got["node_textfile_scrape_error"].samples[0].value
        check(err == 0, "node_textfile_scrape_error %s" % err)
        for name, (typ, samples) in fams.items():
            f = got.get(base(name, typ))
            check(f is not None and f.type == typ, "node_exporter lost %s" % name)
            check(len(f.samples) == len(samples), "%s: node_exporter has %d samples, not %d"
                  % (name, len(f.samples), len(samples)))
    except Bad:
        print("# node_exporter's log:\n" + "".join("# " + l + "\n" for l in log.splitlines()[-15:]))
        raise


def main(argv):
    mode, files = "prometheus", []
    for a in argv:
        if a in ("--openmetrics", "--node-exporter"):
            mode = a[2:]
        else:
            files.append(a)
    if len(files) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with open(files[0]) as f:
        text = f.read()
    try:
        {"prometheus": check_prometheus, "openmetrics": check_openmetrics,
         "node-exporter": check_node_exporter}[mode](text)
    except (Bad, ValueError, KeyError) as e:
        print("%s (%s): %s" % (files[0], mode, e))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
