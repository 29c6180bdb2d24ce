#!/usr/bin/env python3
"""Figures for pacific-sim's large scenario (issue 5: 1,000 namespaces x 10
clusters ready in under 5 s): time to ready, resident memory, and the time
to list every TanzuKubernetesCluster in pages of 500, through the API and
through kubectl where it is installed.

Usage: bench/sim-large.py PACIFIC-SIM [NAMESPACES] [CLUSTERS-PER-NAMESPACE]
"""
import json
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request

import benchsim


def main():
    sim = sys.argv[1]
    namespaces = sys.argv[2] if len(sys.argv) > 2 else "1000"
    per_namespace = sys.argv[3] if len(sys.argv) > 3 else "10"
    with tempfile.TemporaryDirectory() as work:
        start = time.monotonic()
        proc, url, api, ca = benchsim.start_large(sim, work, namespaces, per_namespace)
        try:
            ready_seconds = time.monotonic() - start
            with open("/proc/%d/status" % proc.pid) as f:
                rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
            context = ssl.create_default_context(cafile=ca)
            token = benchsim.wcp_token(url, ca, "administrator@vsphere.local", "Admin!23")

            start = time.monotonic()
            count, token_continue = 0, ""
            while True:
                path = "/apis/run.tanzu.vmware.com/v1alpha3/tanzukubernetesclusters?limit=500"
                if token_continue:
                    path += "&continue=" + urllib.parse.quote(token_continue)
                request = urllib.request.Request(api + path)
                request.add_header("Authorization", "Bearer " + token)
                page = json.load(urllib.request.urlopen(request, context=context))
                count += len(page["items"])
                token_continue = page["metadata"].get("continue", "")
                if not token_continue:
                    break
            list_seconds = time.monotonic() - start

            print("pacific-sim large scenario, %s namespaces x %s clusters" % (namespaces, per_namespace))
            print("  ready in            %.2f s (target: under 5 s)" % ready_seconds)
            print("  resident memory     %d MiB" % (rss // 1024))
            print("  list %d TKCs (pages of 500, JSON): %.2f s" % (count, list_seconds))
            if shutil.which("kubectl"):
                kubeconfig = benchsim.token_kubeconfig(os.path.join(work, "kubeconfig"), api,
                                                       ca, token)
                start = time.monotonic()
                out = subprocess.run(["kubectl", "--kubeconfig", kubeconfig, "get", "tkc", "-A",
                                      "--chunk-size=500", "--no-headers"], capture_output=True,
                                     text=True, env=dict(os.environ, HOME=work), check=True)
                print("  kubectl get tkc -A (%d rows, Table pages): %.2f s" % (
                    len(out.stdout.splitlines()), time.monotonic() - start))
        finally:
            proc.terminate()
            proc.wait()


if __name__ == "__main__":
    import urllib.parse
    main()
