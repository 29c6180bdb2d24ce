#!/usr/bin/env python3
"""Figures for pacific-sim's large scenario (issue 5: 1,000 namespaces x 10
clusters ready in under 5 s): time to ready, resident memory, and the time
to list every TanzuKubernetesCluster in pages of 500, through the API and
through kubectl where it is installed.

Usage: bench/sim-large.py PACIFIC-SIM [NAMESPACES] [CLUSTERS-PER-NAMESPACE]
"""
import base64
import json
import os
import shutil
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request


def main():
    sim = sys.argv[1]
    namespaces = sys.argv[2] if len(sys.argv) > 2 else "1000"
    per_namespace = sys.argv[3] if len(sys.argv) > 3 else "10"
    with tempfile.TemporaryDirectory() as work:
        ready = os.path.join(work, "ready.json")
        ca = os.path.join(work, "ca.pem")
        start = time.monotonic()
        proc = subprocess.Popen([sim, "--scenario", "large", "--namespaces", namespaces,
                                 "--clusters-per-namespace", per_namespace, "--ready-file", ready,
                                 "--ca-file", ca], stdout=subprocess.DEVNULL)
        try:
            while not os.path.exists(ready):
                if proc.poll() is not None:
                    raise SystemExit("pacific-sim exited")
                time.sleep(0.01)
            ready_seconds = time.monotonic() - start
            with open(ready) as f:
                url = json.load(f)["url"]
            with open("/proc/%d/status" % proc.pid) as f:
                rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
            context = ssl.create_default_context(cafile=ca)
            request = urllib.request.Request(url + "/wcp/login", method="POST")
            request.add_header("Authorization", "Basic " + base64.b64encode(
                b"administrator@vsphere.local:Admin!23").decode())
            token = json.load(urllib.request.urlopen(request, context=context))["session_id"]

            start = time.monotonic()
            count, token_continue = 0, ""
            while True:
                path = "/apis/run.tanzu.vmware.com/v1alpha3/tanzukubernetesclusters?limit=500"
                if token_continue:
                    path += "&continue=" + urllib.parse.quote(token_continue)
                request = urllib.request.Request(url + path)
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
                kubeconfig = os.path.join(work, "kubeconfig")
                with open(kubeconfig, "w") as f:
                    f.write("apiVersion: v1\nkind: Config\nclusters:\n- name: sim\n  cluster:\n"
                            "    server: %s\n    certificate-authority: %s\nusers:\n- name: a\n"
                            "  user:\n    token: %s\ncontexts:\n- name: a\n  context: {cluster: sim, "
                            "user: a}\ncurrent-context: a\n" % (url, ca, token))
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
