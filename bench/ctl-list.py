#!/usr/bin/env python3
"""pacific-ctl clusters list -A -o json against kubectl get tkc -A -o json on
the simulator's large scenario, and against the raw transfer of the same
pages (curl) as the floor. Each is run three times; the best is printed
with the ratios.

Usage: bench/ctl-list.py BUILD-DIR [NAMESPACES] [CLUSTERS-PER-NAMESPACE]
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

import benchsim

USER, PASSWORD = "administrator@vsphere.local", "Admin!23"


def run_measured(command, env):
    """Runs @command; returns (seconds, peak resident KiB of that process, stdout)."""
    start = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = proc.stdout.read()
    proc.stdout.close()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    if status != 0:
        raise SystemExit("%s failed: %d" % (command[0], status))
    return elapsed, usage.ru_maxrss, out


def best_of(runs, command, env):
    """The best time of @runs and the highest peak memory of them."""
    best, peak, out = None, 0, None
    for _ in range(runs):
        elapsed, rss, out = run_measured(command, env)
        best = elapsed if best is None else min(best, elapsed)
        peak = max(peak, rss)
    return best, peak, out


def main():
    build = sys.argv[1]
    namespaces = sys.argv[2] if len(sys.argv) > 2 else "1000"
    per_namespace = sys.argv[3] if len(sys.argv) > 3 else "10"
    sim = os.path.join(build, "src", "sim", "pacific-sim")
    ctl = os.path.join(build, "src", "cli", "pacific-ctl")
    with tempfile.TemporaryDirectory() as work:
        proc, url, api, ca = benchsim.start_large(sim, work, namespaces, per_namespace)
        try:
            env = dict(os.environ, HOME=work, PACIFIC_PASSWORD=PASSWORD,
                       DBUS_SESSION_BUS_ADDRESS="", XDG_RUNTIME_DIR=work,
                       GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"))
            ours, ours_rss, out = best_of(3, [ctl, "clusters", "list", "--server", url, "--user", USER,
                                    "--ca-file", ca, "-A", "-o", "json"], env)
            count = len(json.loads(out))

            token = benchsim.wcp_token(url, ca, USER, PASSWORD)

            floor = None
            if shutil.which("curl"):
                start, token_continue = time.monotonic(), ""
                while True:
                    path = "/apis/run.tanzu.vmware.com/v1alpha3/tanzukubernetesclusters?limit=500"
                    if token_continue:
                        path += "&continue=" + urllib.parse.quote(token_continue)
                    page = subprocess.run(["curl", "-sS", "--cacert", ca, "-H",
                                           "Authorization: Bearer " + token, api + path],
                                          capture_output=True, check=True).stdout
                    token_continue = json.loads(page)["metadata"].get("continue", "")
                    if not token_continue:
                        break
                floor = time.monotonic() - start

            print("pacific-ctl clusters list -A -o json, %d clusters (large scenario)" % count)
            print("  pacific-ctl (sign-in, discovery, list, JSON)   %.2f s   peak %d MiB" % (
                ours, ours_rss // 1024))
            if shutil.which("kubectl"):
                kubeconfig = benchsim.token_kubeconfig(os.path.join(work, "kubeconfig"), api,
                                                       ca, token)
                theirs, theirs_rss, _ = best_of(3, ["kubectl", "--kubeconfig", kubeconfig, "get",
                                                    "tkc", "-A", "-o", "json"], env)
                print("  kubectl get tkc -A -o json                     %.2f s   peak %d MiB   "
                      "ratio %.2f time, %.2f memory" % (theirs, theirs_rss // 1024, ours / theirs,
                                                        ours_rss / theirs_rss))
            if floor:
                print("  raw pages with curl (the floor)                %.2f s   ratio %.2f" % (
                    floor, ours / floor))
        finally:
            proc.terminate()
            proc.wait()


if __name__ == "__main__":
    main()
