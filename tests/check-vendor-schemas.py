#!/usr/bin/env python3
"""Validates what pacific-sim serves against VMware's published CRD schemas
(../shared/vendor-schemas, read in place, never copied into the project).
Properties a schema does not define are errors, as doc/design.md, "Tests", asks.

Usage: check-vendor-schemas.py PACIFIC-SIM VENDOR-SCHEMA-DIR
Skips (77) when the schemas are absent, except under PACIFIC_CI=1.
"""
import base64
import json
import os
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request

try:
    import yaml
except ImportError:
    yaml = None

# (supervisor version, API path, CRD file, CRD version)
CHECKS = [
    ("7.0.1", "/apis/vmoperator.vmware.com/v1alpha1/virtualmachineimages",
     "virtualmachineimage-v1alpha1-2021.crd.yaml", "v1alpha1"),
    ("7.0.1", "/apis/vmoperator.vmware.com/v1alpha1/virtualmachineclasses",
     "virtualmachineclass-v1alpha1-2021.crd.yaml", "v1alpha1"),
    ("7.0.1", "/apis/run.tanzu.vmware.com/v1alpha1/tanzukubernetesreleases",
     "tanzukubernetesrelease-v1alpha1-v1alpha2-v1alpha3.crd.yaml", "v1alpha1"),
    ("8.0", "/apis/vmoperator.vmware.com/v1alpha2/namespaces/dev/virtualmachineimages",
     "virtualmachineimage-multiversion-head.crd.yaml", "v1alpha2"),
    ("8.0", "/apis/run.tanzu.vmware.com/v1alpha3/tanzukubernetesreleases",
     "tanzukubernetesrelease-v1alpha1-v1alpha2-v1alpha3.crd.yaml", "v1alpha3"),
    # TanzuKubernetesClusters, stored once and converted on every read
    ("7.0.1", "/apis/run.tanzu.vmware.com/v1alpha1/tanzukubernetesclusters",
     "tanzukubernetescluster-v1alpha1.crd.yaml", "v1alpha1"),
    ("7.0.3", "/apis/run.tanzu.vmware.com/v1alpha1/tanzukubernetesclusters",
     "tanzukubernetescluster-v1alpha1.crd.yaml", "v1alpha1"),
    ("7.0.3", "/apis/run.tanzu.vmware.com/v1alpha2/tanzukubernetesclusters",
     "tanzukubernetescluster-v1alpha2.crd.yaml", "v1alpha2"),
    ("8.0", "/apis/run.tanzu.vmware.com/v1alpha2/tanzukubernetesclusters",
     "tanzukubernetescluster-v1alpha2.crd.yaml", "v1alpha2"),
]

# Clusters created during the run, validated mid-life (phase creating)
CREATES = [
    ("7.0.1", "/apis/run.tanzu.vmware.com/v1alpha1/namespaces/dev/tanzukubernetesclusters",
     {"apiVersion": "run.tanzu.vmware.com/v1alpha1", "kind": "TanzuKubernetesCluster",
      "metadata": {"name": "fresh"},
      "spec": {"distribution": {"version": "v1.17"},
               "topology": {"controlPlane": {"count": 1, "class": "best-effort-small",
                                             "storageClass": "vsan-default-storage-policy"},
                            "workers": {"count": 1, "class": "best-effort-small",
                                        "storageClass": "vsan-default-storage-policy"}}}},
     "tanzukubernetescluster-v1alpha1.crd.yaml", "v1alpha1"),
    ("8.0", "/apis/run.tanzu.vmware.com/v1alpha2/namespaces/dev/tanzukubernetesclusters",
     {"apiVersion": "run.tanzu.vmware.com/v1alpha2", "kind": "TanzuKubernetesCluster",
      "metadata": {"name": "fresh"},
      "spec": {"topology": {"controlPlane": {"replicas": 1, "vmClass": "best-effort-small",
                                             "storageClass": "vsan-default-storage-policy",
                                             "tkr": {"reference": {"name": "v1.26.5---vmware.2-fips.1-tkg.1"}}},
                            "nodePools": [{"name": "np", "replicas": 1, "vmClass": "best-effort-small",
                                           "storageClass": "vsan-default-storage-policy"}]}}},
     "tanzukubernetescluster-v1alpha2.crd.yaml", "v1alpha2"),
]


def crd_schema(path, version):
    with open(path, encoding="utf-8") as f:
        crd = next(d for d in yaml.safe_load_all(f) if d)
    spec = crd["spec"]
    for v in spec.get("versions", []):
        if v["name"] == version and "schema" in v:
            return v["schema"]["openAPIV3Schema"]
    return spec["validation"]["openAPIV3Schema"]


TYPES = {
    "object": dict, "array": list, "string": str, "boolean": bool,
    "integer": int, "number": (int, float),
}


def validate(schema, value, path, errors):
    if schema.get("x-kubernetes-int-or-string"):
        if not isinstance(value, (int, str)):
            errors.append("%s: not an int or string" % path)
        return
    wanted = schema.get("type")
    if wanted:
        ok = isinstance(value, TYPES[wanted]) and not (wanted in ("integer", "number")
                                                        and isinstance(value, bool))
        if not ok:
            errors.append("%s: %r is not of type %s" % (path, value, wanted))
            return
    if "enum" in schema and value not in schema["enum"]:
        errors.append("%s: %r is not one of %s" % (path, value, schema["enum"]))
    if isinstance(value, dict):
        if path == ".metadata":
            return  # ObjectMeta is the API server's, not the CRD's
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties")
        for key in schema.get("required", []):
            if key not in value:
                errors.append("%s: required property %s is missing" % (path, key))
        for key, item in value.items():
            if key in props:
                validate(props[key], item, path + "." + key, errors)
            elif isinstance(extra, dict):
                validate(extra, item, path + "." + key, errors)
            elif extra is True or schema.get("x-kubernetes-preserve-unknown-fields"):
                continue
            else:
                errors.append("%s: property %s is not in the schema" % (path, key))
    elif isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            validate(schema["items"], item, "%s[%d]" % (path, i), errors)


def start_sim(sim, version, work):
    ready = os.path.join(work, "ready-%s.json" % version)
    proc = subprocess.Popen([sim, "--supervisor-version", version, "--ready-file", ready,
                             "--ca-file", os.path.join(work, "ca-%s.pem" % version)],
                            stdout=subprocess.DEVNULL)
    for _ in range(400):
        if os.path.exists(ready):
            with open(ready) as f:
                return proc, json.load(f)
        time.sleep(0.025)
    proc.kill()
    raise SystemExit("pacific-sim did not start")


def get(url, path, context, token=None, basic=None, method="GET", body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url + path, method=method, data=data)
    if data is not None:
        request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if basic:
        request.add_header("Authorization", "Basic " + base64.b64encode(basic.encode()).decode())
    with urllib.request.urlopen(request, context=context) as response:
        return json.load(response)


def main():
    sim, schema_dir = sys.argv[1], sys.argv[2]
    if not os.path.isdir(schema_dir) or yaml is None:
        why = "no vendor schemas at %s" % schema_dir if yaml else "python3-yaml is missing"
        if os.environ.get("PACIFIC_CI") == "1":
            print(why + ", and PACIFIC_CI=1 makes that a failure")
            return 1
        print("skipped: " + why)
        return 77
    failures = 0
    with tempfile.TemporaryDirectory() as work:
        for version in sorted({c[0] for c in CHECKS}):
            proc, ready = start_sim(sim, version, work)
            try:
                context = ssl.create_default_context(cafile=ready["ca_file"])
                token = get(ready["supervisor_url"], "/wcp/login", context, basic="administrator@vsphere.local:Admin!23",
                            method="POST")["session_id"]
                for v, path, crd, crd_version in CHECKS:
                    if v != version:
                        continue
                    schema = crd_schema(os.path.join(schema_dir, crd), crd_version)
                    items = get(ready["api_url"], path, context, token=token)["items"]
                    errors = []
                    for item in items:
                        validate(schema, item, "", errors)
                    if not items:
                        errors.append("no objects served")
                    status = "ok" if not errors else "FAILED"
                    print("%s %s on %s: %d objects against %s %s" % (status, path, version, len(items),
                                                                    crd, crd_version))
                    for e in errors[:20]:
                        print("    " + e)
                    failures += bool(errors)
                for v, path, body, crd, crd_version in CREATES:
                    if v != version:
                        continue
                    schema = crd_schema(os.path.join(schema_dir, crd), crd_version)
                    get(ready["api_url"], path, context, token=token, method="POST", body=body)
                    time.sleep(0.3)
                    item = get(ready["api_url"], path + "/" + body["metadata"]["name"], context, token=token)
                    errors = []
                    validate(schema, item, "", errors)
                    if item.get("status", {}).get("phase") != "creating":
                        errors.append("phase %r, not creating" % item.get("status", {}).get("phase"))
                    print("%s created %s on %s against %s %s" % ("ok" if not errors else "FAILED", path,
                                                                version, crd, crd_version))
                    for e in errors[:20]:
                        print("    " + e)
                    failures += bool(errors)
            finally:
                proc.terminate()
                proc.wait()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
