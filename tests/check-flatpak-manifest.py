#!/usr/bin/env python3
"""Checks the Flatpak manifest: it parses, targets a GNOME runtime that
Flathub supports, bundles libyaml, builds Pacific with meson, and asks for
no permission beyond the list in the foundation issue (secrets go through
the portal). A Flatpak cannot be built on the build machines, so this is
the manifest's test.

Usage: check-flatpak-manifest.py [--self-test] MANIFEST
--self-test feeds the checker manifests widened in each forbidden way and
fails unless every one is rejected.
"""
import copy
import json
import re
import sys

APP_ID = "io.github.pacificapp.Pacific"
ALLOWED_FINISH_ARGS = {
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
    "--filesystem=~/.kube:create",
}
# GNOME runtimes Flathub still supports (doc/design.md, "Platform").
OLDEST_SUPPORTED_RUNTIME = 49


def problems_of(manifest):
    problems = []
    if manifest.get("app-id", manifest.get("id")) != APP_ID:
        problems.append("app-id is not " + APP_ID)
    if manifest.get("runtime") != "org.gnome.Platform":
        problems.append("runtime is not org.gnome.Platform")
    if manifest.get("sdk") != "org.gnome.Sdk":
        problems.append("sdk is not org.gnome.Sdk")
    version = str(manifest.get("runtime-version", ""))
    if not re.fullmatch(r"\d+", version) or int(version) < OLDEST_SUPPORTED_RUNTIME:
        problems.append("runtime-version %r is not a stable GNOME runtime >= %d"
                        % (version, OLDEST_SUPPORTED_RUNTIME))
    if manifest.get("command") != "pacific":
        problems.append("command is not pacific")

    finish_args = manifest.get("finish-args", [])
    for arg in finish_args:
        if arg not in ALLOWED_FINISH_ARGS:
            problems.append("finish-arg %s is wider than allowed" % arg)
    for needed in ("--share=network", "--socket=wayland", "--filesystem=~/.kube:create"):
        if needed not in finish_args:
            problems.append("finish-args lack " + needed)

    modules = manifest.get("modules", [])
    names = [m.get("name") if isinstance(m, dict) else m for m in modules]
    if "libyaml" not in names:
        problems.append("libyaml is not bundled as a module")
    else:
        yaml = modules[names.index("libyaml")]
        sources = yaml.get("sources", [])
        if not any(s.get("type") == "archive"
                   and re.fullmatch(r"[0-9a-f]{64}", s.get("sha256", ""))
                   for s in sources):
            problems.append("libyaml has no archive source pinned by sha256")
    if not names or names[-1] != "pacific":
        problems.append("the last module is not pacific")
    else:
        pacific = modules[-1]
        if pacific.get("buildsystem") != "meson":
            problems.append("pacific is not built with meson")
        if not any(s.get("type") == "dir" for s in pacific.get("sources", [])):
            problems.append("pacific is not built from the source tree")
    return problems


def widened(manifest):
    """Manifests that each break one rule; the checker must reject all."""
    for arg in ("--talk-name=org.freedesktop.secrets", "--filesystem=home",
                "--filesystem=host", "--socket=session-bus", "--device=all"):
        m = copy.deepcopy(manifest)
        m["finish-args"].append(arg)
        yield arg, m
    m = copy.deepcopy(manifest)
    m["runtime-version"] = "master"
    yield "runtime master", m
    m = copy.deepcopy(manifest)
    m["runtime-version"] = "43"
    yield "runtime 43", m
    m = copy.deepcopy(manifest)
    m["modules"] = [x for x in m["modules"] if x.get("name") != "libyaml"]
    yield "no libyaml", m


def main(argv):
    self_test = "--self-test" in argv
    paths = [a for a in argv[1:] if a != "--self-test"]
    with open(paths[0], encoding="utf-8") as f:
        manifest = json.load(f)
    if self_test:
        failed = 0
        for what, m in widened(manifest):
            if problems_of(m):
                print("rejected: " + what)
            else:
                print("NOT rejected: " + what)
                failed += 1
        return 1 if failed else 0
    problems = problems_of(manifest)
    for p in problems:
        print(p)
    if not problems:
        print("manifest ok: runtime %s, finish-args %s"
              % (manifest["runtime-version"], " ".join(manifest["finish-args"])))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
