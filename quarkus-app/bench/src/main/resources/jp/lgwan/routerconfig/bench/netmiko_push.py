"""The peer side of the bench: netmiko pushes the given lines to lab routers, as an operator's script would.

Usage: netmiko_push.py JOBS.json THREADS RESULTS.json
JOBS: [{"hostname", "port", "password", "lines": [...]}]; each job connects (device_type cisco_ios, password
login), runs send_config_set(lines) and save_config(), disconnects. RESULTS: {"wall_ms", "results": [{"hostname",
"ms", "ok", "error"}]}.
"""
import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from netmiko import ConnectHandler


def push(job):
    started = time.monotonic()
    try:
        device = ConnectHandler(device_type="cisco_ios", host="127.0.0.1", port=job["port"], username="operator",
                                password=job["password"], timeout=120, banner_timeout=60, auth_timeout=60)
        try:
            device.send_config_set(job["lines"])
            device.save_config()
        finally:
            device.disconnect()
        return {"hostname": job["hostname"], "ms": (time.monotonic() - started) * 1000, "ok": True}
    except Exception as error:  # a failed router is a result, not the end of the run
        return {"hostname": job["hostname"], "ms": (time.monotonic() - started) * 1000, "ok": False, "error": repr(error)[:300]}


def main():
    with open(sys.argv[1]) as f:
        jobs = json.load(f)
    threads = int(sys.argv[2])
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=threads) as pool:
        results = list(pool.map(push, jobs))
    wall = (time.monotonic() - started) * 1000
    with open(sys.argv[3], "w") as f:
        json.dump({"wall_ms": wall, "results": results}, f)


if __name__ == "__main__":
    main()
