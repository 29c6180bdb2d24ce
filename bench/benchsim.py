"""What the simulator benchmarks share: starting pacific-sim's large
scenario, a WCP session token, and a kubeconfig for kubectl with it."""
import base64
import json
import os
import ssl
import subprocess
import time
import urllib.request


def start_large(sim, work, namespaces, per_namespace):
    """Starts the large scenario; returns (process, WCP URL, Kubernetes API URL, CA
    file) once it is ready."""
    ready, ca = os.path.join(work, "ready.json"), os.path.join(work, "ca.pem")
    proc = subprocess.Popen([sim, "--scenario", "large", "--namespaces", namespaces,
                             "--clusters-per-namespace", per_namespace, "--ready-file", ready,
                             "--ca-file", ca], stdout=subprocess.DEVNULL)
    while not os.path.exists(ready):
        if proc.poll() is not None:
            raise SystemExit("pacific-sim exited")
        time.sleep(0.01)
    with open(ready) as f:
        ready = json.load(f)
        return proc, ready["supervisor_url"], ready["api_url"], ca


def wcp_token(url, ca, user, password):
    """A Supervisor session token from /wcp/login."""
    request = urllib.request.Request(url + "/wcp/login", method="POST")
    request.add_header("Authorization", "Basic " + base64.b64encode(
        ("%s:%s" % (user, password)).encode()).decode())
    context = ssl.create_default_context(cafile=ca)
    return json.load(urllib.request.urlopen(request, context=context))["session_id"]


def token_kubeconfig(path, url, ca, token):
    """A kubeconfig that reaches the simulator with @token."""
    with open(path, "w") as f:
        f.write("apiVersion: v1\nkind: Config\nclusters:\n- name: sim\n  cluster:\n"
                "    server: %s\n    certificate-authority: %s\nusers:\n- name: a\n"
                "  user:\n    token: %s\ncontexts:\n- name: a\n  context: {cluster: sim, "
                "user: a}\ncurrent-context: a\n" % (url, ca, token))
    return path
