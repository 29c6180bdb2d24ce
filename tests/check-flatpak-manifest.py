#!/usr/bin/env python3
"""Checks a Flatpak manifest: it parses, targets one of the two current
GNOME runtimes, bundles libyaml, builds Pacific with meson, and asks for no
permission beyond the list in the foundation issue (secrets go through the
portal). The release manifest (io.github.pacificapp.Pacific) builds this
repository's release tag, pinned by its commit, which must be the tag's
where the clone has the tag; the development one (….Devel) builds the
source tree with -Dprofile=development. A Flatpak cannot be built on the
build machines, so this is the manifests' test.

Usage: check-flatpak-manifest.py [--self-test] MANIFEST
--self-test feeds the checker manifests widened in each forbidden way and
fails unless every one is rejected.
"""
import copy
import json
import os
import re
import subprocess
import sys

APP_ID = "io.github.pacificapp.Pacific"
DEVEL_ID = APP_ID + ".Devel"
REPOSITORY = "https://github.com/pacificapp/pacific.git"
ALLOWED_FINISH_ARGS = {
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
    "--filesystem=~/.kube:create",
}
# The two current GNOME runtimes (doc/design.md, "Platform"): older ones
# are refused.
OLDEST_SUPPORTED_RUNTIME = 50


def project_version(top):
    with open(os.path.join(top, "meson.build"), encoding="utf-8") as f:
        return re.search(r"version:\s*'([^']+)'", f.read()).group(1)


def tag_commit(top, tag):
    """The commit @tag names in the clone at @top, or None without it"""
    try:
        out = subprocess.run(["git", "-C", top, "rev-parse", "--verify", "-q", tag + "^{commit}"],
                             capture_output=True, text=True, check=False)
    except OSError:
        return None
    return out.stdout.strip() or None


def release_source_problems(sources, top):
    git = [s for s in sources if s.get("type") == "git"]
    if len(git) != 1 or len(sources) != 1:
        return ["the release builds from one git source (the tag), not %r" % sources]
    source = git[0]
    problems = []
    wanted_tag = "v" + project_version(top)
    if source.get("url") != REPOSITORY:
        problems.append("the release's git url is not " + REPOSITORY)
    if source.get("tag") != wanted_tag:
        problems.append("the release's tag is not %s (meson.build's version)" % wanted_tag)
    if not re.fullmatch(r"[0-9a-f]{40}", source.get("commit", "")):
        problems.append("the release's tag is not pinned by a full commit id")
    else:
        actual = tag_commit(top, source.get("tag", ""))
        if actual is not None and actual != source["commit"]:
            problems.append("the tag %s is commit %s, not the pinned %s"
                            % (source["tag"], actual, source["commit"]))
    return problems


def problems_of(manifest, top):
    problems = []
    app_id = manifest.get("app-id", manifest.get("id"))
    if app_id not in (APP_ID, DEVEL_ID):
        problems.append("app-id is neither %s nor %s" % (APP_ID, DEVEL_ID))
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
        sources = pacific.get("sources", [])
        opts = pacific.get("config-opts", [])
        if app_id == DEVEL_ID:
            if not any(s.get("type") == "dir" for s in sources):
                problems.append("the development build is not built from the source tree")
            if "-Dprofile=development" not in opts:
                problems.append("the development build lacks -Dprofile=development")
        else:
            problems += release_source_problems(sources, top)
            if any(o.startswith("-Dprofile=") and o != "-Dprofile=default" for o in opts):
                problems.append("the release is built with another profile")
    return problems


def widened(manifest, top):
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
    m["runtime-version"] = "49"
    yield "runtime 49", m
    m = copy.deepcopy(manifest)
    m["modules"] = [x for x in m["modules"] if x.get("name") != "libyaml"]
    yield "no libyaml", m
    if manifest.get("app-id") == DEVEL_ID:
        m = copy.deepcopy(manifest)
        m["modules"][-1]["config-opts"] = ["-Dtests=false"]
        yield "development build without its profile", m
    else:
        m = copy.deepcopy(manifest)
        m["modules"][-1]["sources"] = [{"type": "dir", "path": ".."}]
        yield "release from the working tree", m
        if tag_commit(top, manifest["modules"][-1]["sources"][0].get("tag", "")):
            m = copy.deepcopy(manifest)
            m["modules"][-1]["sources"][0]["commit"] = "0" * 40
            yield "release pinned to another commit than its tag's", m
        m = copy.deepcopy(manifest)
        del m["modules"][-1]["sources"][0]["commit"]
        yield "release tag not pinned", m


def main(argv):
    self_test = "--self-test" in argv
    paths = [a for a in argv[1:] if a != "--self-test"]
    with open(paths[0], encoding="utf-8") as f:
        manifest = json.load(f)
    top = os.path.dirname(os.path.dirname(os.path.abspath(paths[0])))
    if self_test:
        failed = 0
        for what, m in widened(manifest, top):
            if problems_of(m, top):
                print("rejected: " + what)
            else:
                print("NOT rejected: " + what)
                failed += 1
        return 1 if failed else 0
    problems = problems_of(manifest, top)
    for p in problems:
        print(p)
    if not problems:
        print("manifest ok: runtime %s, finish-args %s"
              % (manifest["runtime-version"], " ".join(manifest["finish-args"])))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
