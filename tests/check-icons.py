#!/usr/bin/env python3
"""data: every icon Pacific names is there, on Debian 12 and on current GNOME.

Collects the icon names the app uses (symbolic names in src/app and the
templates' icon-name properties) and checks that each one is installed on
this machine (the Adwaita or hicolor theme, or Pacific's own icons) and is
not among the names newer adwaita-icon-theme releases dropped
(tests/data/icons-gone-from-adwaita.txt): there, a dropped name shows a
broken-image placeholder, as the tree's status icons once did.
Usage: check-icons.py SOURCE-ROOT
"""
import os
import re
import sys

USED_IN_CODE = re.compile(r'"([a-z0-9-]+-symbolic)"')
USED_IN_UI = re.compile(r'name="icon-name">([^<]+)<')


def used_names(root):
    names = {}
    for top, pattern in (("src/app", USED_IN_CODE), ("ui", USED_IN_UI)):
        for folder, _, files in os.walk(os.path.join(root, top)):
            for name in files:
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as f:
                    for icon in pattern.findall(f.read()):
                        names.setdefault(icon, os.path.relpath(path, root))
    return names


def installed_names(root):
    found = set()
    themes = ["/usr/share/icons/Adwaita", "/usr/share/icons/hicolor", os.path.join(root, "data")]
    for theme in themes:
        for _, _, files in os.walk(theme):
            for name in files:
                found.add(re.sub(r"(\.symbolic)?\.(svg|png)$", "", name))
    return found


def main():
    root = sys.argv[1]
    with open(os.path.join(root, "tests", "data", "icons-gone-from-adwaita.txt"), encoding="utf-8") as f:
        gone = {line.strip() for line in f if line.strip() and not line.startswith("#")}
    installed = installed_names(root)
    problems = 0
    used = used_names(root)
    for icon, where in sorted(used.items()):
        if icon in gone:
            print("not ok - %s (%s) is gone from current adwaita-icon-theme" % (icon, where))
            problems += 1
        elif icon not in installed:
            print("not ok - %s (%s) is not installed here" % (icon, where))
            problems += 1
    print("%d icon names, %d problems" % (len(used), problems))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
