#!/usr/bin/env python3
"""P1: pacific-ctl clusters list -A, as JSON and as its table, against kubectl
(get tkc -A -o json; get tkc -A, which asks the server for Table pages) and
against the floor, all measured in the same run on the simulator's large
scenario at each scale:

- the floor is the same pages fetched over one TLS connection by one client
  that does nothing else (no parsing beyond the continue token);
- each command is a whole process against a whole process (sign-in and
  discovery included for pacific-ctl), best of three, with its peak
  resident memory (the highest of the three).

Scales are clusters in all (10 per namespace); 50,000 takes minutes.
Usage: bench/ctl-list.py BUILD-DIR [CLUSTERS...]   (default 100 1000 10000)
"""
import http.client
import json
import os
import re
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.parse

import benchsim

USER, PASSWORD = "administrator@vsphere.local", "Admin!23"
PER_NAMESPACE = 10
CONTINUE = re.compile(rb'"continue"\s*:\s*"([^"]*)"')


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


def floor_seconds(api, ca, token):
    """Every page of the list over one connection, as fast as a client can ask"""
    host = urllib.parse.urlsplit(api)
    context = ssl.create_default_context(cafile=ca)
    best = None
    for _ in range(3):
        start = time.monotonic()
        connection = http.client.HTTPSConnection(host.hostname, host.port, context=context)
        token_continue = b""
        while True:
            path = "/apis/run.tanzu.vmware.com/v1alpha3/tanzukubernetesclusters?limit=500"
            if token_continue:
                path += "&continue=" + urllib.parse.quote(token_continue.decode())
            connection.request("GET", path, headers={"Authorization": "Bearer " + token})
            page = connection.getresponse().read()
            found = CONTINUE.search(page)
            token_continue = found.group(1) if found else b""
            if not token_continue:
                break
        connection.close()
        elapsed = time.monotonic() - start
        best = elapsed if best is None else min(best, elapsed)
    return best


def measure_scale(build, clusters, work):
    sim = os.path.join(build, "src", "sim", "pacific-sim")
    ctl = os.path.join(build, "src", "cli", "pacific-ctl")
    namespaces = str(max(1, clusters // PER_NAMESPACE))
    proc, url, api, ca = benchsim.start_large(sim, work, namespaces, str(PER_NAMESPACE))
    rows = []
    try:
        env = dict(os.environ, HOME=work, PACIFIC_PASSWORD=PASSWORD, DBUS_SESSION_BUS_ADDRESS="",
                   XDG_RUNTIME_DIR=work, GSETTINGS_SCHEMA_DIR=os.path.join(build, "data"))
        ours = [ctl, "clusters", "list", "--server", url, "--user", USER, "--ca-file", ca, "-A"]
        token = benchsim.wcp_token(url, ca, USER, PASSWORD)
        kubeconfig = benchsim.token_kubeconfig(os.path.join(work, "kubeconfig"), api, ca, token)
        theirs = ["kubectl", "--kubeconfig", kubeconfig, "get", "tkc", "-A"]
        floor = floor_seconds(api, ca, token)
        json_s, json_rss, out = best_of(3, ours + ["-o", "json"], env)
        count = len(json.loads(out))
        table_s, table_rss, _ = best_of(3, ours, env)
        rows.append(("json", count, json_s, json_rss))
        rows.append(("table", count, table_s, table_rss))
        peers = {}
        if shutil.which("kubectl"):
            peers["json"] = best_of(3, theirs + ["-o", "json"], env)[:2]
            peers["table"] = best_of(3, theirs, env)[:2]
    finally:
        proc.terminate()
        proc.wait()
    for form, count, seconds, rss in rows:
        peer = peers.get(form)
        print("  %6d  %-5s  pacific-ctl %7.2f s %5d MiB" % (count, form, seconds, rss // 1024),
              end="")
        if peer:
            print("  kubectl %7.2f s %5d MiB  ratio %.2f time %.2f memory" % (
                peer[0], peer[1] // 1024, seconds / peer[0], rss / peer[1]), end="")
        print("  floor %6.2f s  ratio %.2f" % (floor, seconds / floor))


def main():
    build = sys.argv[1]
    scales = [int(n) for n in sys.argv[2:]] or [100, 1000, 10000]
    print("P1 pacific-ctl clusters list -A (-o json, and the table) against kubectl get tkc -A "
          "and the floor (one connection); best of 3 each, targets: json <= 0.33x kubectl and "
          "<= 1.5x floor, table <= 0.5x kubectl, memory <= 100 MiB")
    print("  scale   form")
    for clusters in scales:
        with tempfile.TemporaryDirectory() as work:
            measure_scale(build, clusters, work)


if __name__ == "__main__":
    main()
