#!/usr/bin/python3
"""IF-MIB ifAlias, ifHighSpeed and ifSpeed for an FRRouting host, as an snmpd pass_persist helper.

FRR keeps an interface's `description` and `bandwidth` to itself: the kernel's ifalias and link
speed do not change, so net-snmp's own IF-MIB never shows them and the post-change verification
could not see the description it pushed. This helper answers those three columns from
`vtysh -c 'show interface json'` (measured with FRR 8.4.4, where `bandwidth` is in Mbit/s; FRR 7.1
had no JSON there), indexed by the kernel's ifindex, which is snmpd's ifIndex on Linux:

  ifAlias     1.3.6.1.2.1.31.1.1.1.18.N  FRR's description, else the kernel's ifalias ("" if none);
                                          at most 64 octets (IF-MIB DisplayString (SIZE(0..64)))
  ifHighSpeed 1.3.6.1.2.1.31.1.1.1.15.N  FRR's bandwidth (Mbit/s) where configured, else the
                                          kernel's link speed (Mbit/s), else 0 (unknown)
  ifSpeed     1.3.6.1.2.1.2.2.1.5.N      the same in bit/s, at most 4294967295

Everything else of IF-MIB (ifName, ifAdminStatus, ifOperStatus, counters) and EtherLike-MIB's
dot3StatsDuplexStatus stay snmpd's own. In snmpd.conf, one line per column (snmpd starts one
helper process for each):

  pass_persist .1.3.6.1.2.1.31.1.1.1.18 /usr/bin/python3 /usr/local/lib/lgwan/frr-ifmib-pass-persist.py
  pass_persist .1.3.6.1.2.1.31.1.1.1.15 /usr/bin/python3 /usr/local/lib/lgwan/frr-ifmib-pass-persist.py
  pass_persist .1.3.6.1.2.1.2.2.1.5     /usr/bin/python3 /usr/local/lib/lgwan/frr-ifmib-pass-persist.py

snmpd's user needs group frrvty to reach vtysh's sockets (Debian: usermod -aG frrvty Debian-snmp,
then restart snmpd), and snmpd must run in the network namespace of FRR's interfaces.
If vtysh cannot be run, the helper answers from the kernel alone and says why on stderr.
Protocol (net-snmp snmpd.conf(5), "pass_persist"): PING -> PONG; get/getnext OID -> OID, type,
value, or NONE; set -> not-writable. Options: --vty-socket DIR and --config-dir DIR are passed to
vtysh (an FRR started with its own folders); --cache-seconds S (default 0.5) is how long one vtysh
answer serves the requests of a walk.
"""

import argparse
import json
import os
import subprocess
import sys
import time

IF_ALIAS = (1, 3, 6, 1, 2, 1, 31, 1, 1, 1, 18)
IF_HIGH_SPEED = (1, 3, 6, 1, 2, 1, 31, 1, 1, 1, 15)
IF_SPEED = (1, 3, 6, 1, 2, 1, 2, 2, 1, 5)
COLUMNS = (IF_ALIAS, IF_HIGH_SPEED, IF_SPEED)
GAUGE32_MAX = 4294967295
ALIAS_MAX_OCTETS = 64
SYS_NET = "/sys/class/net"


def parse_oid(text):
    try:
        return tuple(int(part) for part in text.strip().strip(".").split(".") if part != "")
    except ValueError:
        return None


def format_oid(oid):
    return "." + ".".join(str(part) for part in oid)


def read_sys(name, attribute):
    try:
        with open(os.path.join(SYS_NET, name, attribute), encoding="utf-8", errors="replace") as f:
            return f.read().strip()
    except OSError:
        # e.g. "speed" of a link that is down or has no speed (lo): EINVAL
        return None


def kernel_speed_mbps(name):
    value = read_sys(name, "speed")
    try:
        speed = int(value)
    except (TypeError, ValueError):
        return 0
    # -1 (SPEED_UNKNOWN) and other nonsense read as unknown
    return speed if speed > 0 else 0


def clean_alias(text):
    text = "".join(c if c.isprintable() else " " for c in text)
    data = text.encode("utf-8")[:ALIAS_MAX_OCTETS]
    return data.decode("utf-8", errors="ignore")


class Source:
    """One snapshot of the three columns, refreshed at most every cache_seconds."""

    def __init__(self, vtysh, cache_seconds):
        self.vtysh = vtysh
        self.cache_seconds = cache_seconds
        self.read_at = None
        self.rows = {}
        self.last_problem = None

    def frr_interfaces(self):
        try:
            done = subprocess.run(self.vtysh + ["-c", "show interface json"], stdin=subprocess.DEVNULL,
                                  capture_output=True, timeout=10, text=True)
        except (OSError, subprocess.TimeoutExpired) as e:
            return None, "cannot run vtysh: %s" % e
        try:
            data = json.loads(done.stdout)
        except ValueError:
            return None, "vtysh exit %d, no JSON: %s" % (done.returncode, (done.stdout + done.stderr).strip()[:200])
        if not isinstance(data, dict):
            return None, "vtysh printed JSON that is not an object"
        return data, None

    def refresh(self):
        frr, problem = self.frr_interfaces()
        if problem != self.last_problem and problem is not None:
            print("frr-ifmib-pass-persist: %s; answering from the kernel alone" % problem, file=sys.stderr, flush=True)
        self.last_problem = problem
        frr = frr or {}
        rows = {}
        try:
            names = os.listdir(SYS_NET)
        except OSError:
            names = []
        for name in names:
            try:
                index = int(read_sys(name, "ifindex"))
            except (TypeError, ValueError):
                continue
            known = frr.get(name) if isinstance(frr.get(name), dict) else {}
            description = known.get("description")
            alias = description if isinstance(description, str) else (read_sys(name, "ifalias") or "")
            bandwidth = known.get("bandwidth")
            mbps = bandwidth if isinstance(bandwidth, int) and bandwidth > 0 else kernel_speed_mbps(name)
            rows[IF_ALIAS + (index,)] = ("string", clean_alias(alias))
            rows[IF_HIGH_SPEED + (index,)] = ("gauge", str(mbps))
            rows[IF_SPEED + (index,)] = ("gauge", str(min(mbps * 1000000, GAUGE32_MAX)))
        self.rows = rows
        self.read_at = time.monotonic()

    def current(self):
        if self.read_at is None or time.monotonic() - self.read_at >= self.cache_seconds:
            self.refresh()
        return self.rows

    def get(self, oid):
        value = self.current().get(oid)
        return (oid,) + value if value else None

    def get_next(self, oid):
        # only within the column the request is in: snmpd registers each column on its own and
        # moves on to the next registration when this one says NONE
        column = next((c for c in COLUMNS if oid[:len(c)] == c), None)
        if column is None:
            return None
        following = sorted(o for o in self.current() if o[:len(column)] == column and o > oid)
        return (following[0],) + self.rows[following[0]] if following else None


def main():
    parser = argparse.ArgumentParser(description="snmpd pass_persist helper: IF-MIB ifAlias/ifHighSpeed/ifSpeed from FRR")
    parser.add_argument("--vtysh", default="/usr/bin/vtysh")
    parser.add_argument("--vty-socket")
    parser.add_argument("--config-dir")
    parser.add_argument("--cache-seconds", type=float, default=0.5)
    args = parser.parse_args()
    vtysh = [args.vtysh]
    if args.vty_socket:
        vtysh += ["--vty_socket", args.vty_socket]
    if args.config_dir:
        vtysh += ["--config_dir", args.config_dir]
    source = Source(vtysh, args.cache_seconds)

    def answer(*lines):
        sys.stdout.write("".join(line + "\n" for line in lines))
        sys.stdout.flush()

    while True:
        line = sys.stdin.readline()
        if not line:
            return  # snmpd closed the pipe
        command = line.strip()
        if command == "PING":
            answer("PONG")
        elif command in ("get", "getnext"):
            oid = parse_oid(sys.stdin.readline())
            found = None if not oid else source.get(oid) if command == "get" else source.get_next(oid)
            if found:
                answer(format_oid(found[0]), found[1], found[2])
            else:
                answer("NONE")
        elif command == "set":
            sys.stdin.readline()  # the OID
            sys.stdin.readline()  # type and value
            answer("not-writable")
        elif command == "":
            continue
        else:
            answer("NONE")


if __name__ == "__main__":
    sys.stdout.reconfigure(encoding="utf-8", errors="replace")
    main()
