#!/usr/bin/env python3
"""PacManifest against VMware's published TKC schemas (v1alpha1, v1alpha2),
read in place from ../shared/vendor-schemas:

1. What PacManifest writes validates, with properties the schema does not
   define counted as errors.
2. A corpus made from those schemas and the written samples (each required
   field dropped, each field's type broken), every variant first confirmed
   invalid by the schema, is rejected by PacManifest/PacClusterSpec.

Usage: check-manifest-schemas.py MANIFEST-TOOL CA-PEM VENDOR-SCHEMA-DIR
Skips (77) when the schemas are absent, except under PACIFIC_CI=1.
"""
import copy
import importlib.util
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("vendor", os.path.join(HERE, "check-vendor-schemas.py"))
vendor = importlib.util.module_from_spec(spec)
spec.loader.exec_module(vendor)
yaml = vendor.yaml

CRDS = {"v1alpha1": "tanzukubernetescluster-v1alpha1.crd.yaml",
        "v1alpha2": "tanzukubernetescluster-v1alpha2.crd.yaml"}
BROKEN = {"string": 12345, "integer": "many", "object": "text", "array": "text",
          "boolean": "text", "number": "text"}


def schema_errors(schema, doc):
    errors = []
    vendor.validate(schema, doc, "", errors)
    return errors


def variants(schema, doc, path=()):
    """(description, changed document) for each required field of @doc
    dropped and each field's type broken"""
    value = get(doc, path)
    if schema.get("x-kubernetes-int-or-string"):
        yield ("break %s" % fmt(path), put(doc, path, [1]))
        return
    kind = schema.get("type")
    if path and kind in BROKEN:
        yield ("break %s" % fmt(path), put(doc, path, BROKEN[kind]))
    if isinstance(value, dict):
        for key in schema.get("required", []):
            if key in value:
                yield ("drop %s" % fmt(path + (key,)), drop(doc, path + (key,)))
        for key, child in schema.get("properties", {}).items():
            if key in value:
                yield from variants(child, doc, path + (key,))
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            for key in value:
                if key not in schema.get("properties", {}):
                    yield from variants(extra, doc, path + (key,))
    elif isinstance(value, list) and "items" in schema:
        for i in range(len(value)):
            yield from variants(schema["items"], doc, path + (i,))


def fmt(path):
    return ".".join(str(p) for p in path)


def get(doc, path):
    for p in path:
        doc = doc[p]
    return doc


def put(doc, path, value):
    doc = copy.deepcopy(doc)
    get(doc, path[:-1])[path[-1]] = value
    return doc


def drop(doc, path):
    doc = copy.deepcopy(doc)
    del get(doc, path[:-1])[path[-1]]
    return doc


def main():
    tool, ca, schema_dir = sys.argv[1:4]
    if not os.path.isdir(schema_dir) or yaml is None:
        why = "no vendor schemas at %s" % schema_dir if yaml else "python3-yaml is missing"
        if os.environ.get("PACIFIC_CI") == "1":
            print("FAIL: %s, and PACIFIC_CI=1 makes that a failure" % why)
            return 1
        print("skipped: %s" % why)
        return 77
    failures = 0
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([tool, "samples", ca, work], check=True)
        corpus = []
        for version, crd in CRDS.items():
            schema = vendor.crd_schema(os.path.join(schema_dir, crd), version)
            for sample in ("minimal", "full", "article-antrea", "article-calico"):
                with open(os.path.join(work, "%s-%s.yaml" % (sample, version))) as f:
                    doc = yaml.safe_load(f)
                errors = schema_errors(schema, doc)
                if errors:
                    failures += 1
                    print("FAIL %s-%s does not validate: %s" % (sample, version, errors))
                else:
                    print("ok %s-%s validates against %s" % (sample, version, crd))
                for what, variant in variants(schema, doc):
                    if not schema_errors(schema, variant):
                        continue  # still valid (an optional field): not a bad input
                    name = os.path.join(work, "bad-%d.yaml" % len(corpus))
                    with open(name, "w") as f:
                        yaml.safe_dump(variant, f)
                    corpus.append((name, "%s-%s: %s" % (sample, version, what)))
        out = subprocess.run([tool, "check"] + [c[0] for c in corpus], check=True,
                             capture_output=True, text=True).stdout.splitlines()
        verdicts = dict(line.split(": ", 1) for line in out)
        rejected = 0
        for name, what in corpus:
            verdict = verdicts.get(name, "missing")
            if verdict.startswith("rejected: "):
                rejected += 1
            else:
                failures += 1
                print("FAIL accepted %s (%s)" % (what, verdict))
        print("%d of %d schema-invalid variants rejected" % (rejected, len(corpus)))
        if len(corpus) < 50:
            print("FAIL the corpus is too small to mean anything")
            failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
