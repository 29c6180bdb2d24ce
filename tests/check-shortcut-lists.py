#!/usr/bin/env python3
"""ui: the two shortcut lists say the same.

Pacific keeps its keyboard shortcuts twice, as a GtkShortcutsWindow for
libadwaita before 1.8 (ui/pac-shortcuts-window.ui) and as an
AdwShortcutsDialog from 1.8 (ui/pac-shortcuts-dialog.ui). Fails when a
title, an accelerator or an action differs between them, or their order.
Usage: check-shortcut-lists.py SOURCE-ROOT
"""
import os
import sys
import xml.etree.ElementTree as ET

ITEM_CLASSES = {"GtkShortcutsShortcut", "AdwShortcutsItem"}
SECTION_CLASSES = {"GtkShortcutsGroup", "AdwShortcutsSection"}


def entries(path):
    found = []
    for obj in ET.parse(path).getroot().iter("object"):
        kind = obj.get("class")
        if kind not in ITEM_CLASSES | SECTION_CLASSES:
            continue
        props = {p.get("name"): (p.text or "") for p in obj.findall("property")}
        if kind in SECTION_CLASSES:
            found.append(("section", props.get("title")))
        else:
            found.append(("item", props.get("title"), props.get("accelerator"),
                          props.get("action-name")))
    return found


def main():
    root = sys.argv[1]
    old = entries(os.path.join(root, "ui", "pac-shortcuts-window.ui"))
    new = entries(os.path.join(root, "ui", "pac-shortcuts-dialog.ui"))
    if not old:
        print("no shortcuts found in pac-shortcuts-window.ui")
        return 1
    if old != new:
        for a, b in zip(old + [None] * len(new), new + [None] * len(old)):
            if a != b:
                print(f"pac-shortcuts-window.ui: {a}\npac-shortcuts-dialog.ui: {b}")
                break
        return 1
    print(f"{len(old)} entries agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
