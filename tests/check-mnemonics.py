#!/usr/bin/python3
"""data: no two items of one menu share a mnemonic, in English or in any
translation.

Two items with the same underlined letter make Alt+letter (or the letter
alone, in an open popover) move between them instead of choosing one; the
main menu had "_Add Account…" and "_About Pacific" (and in German
"_Aktualisieren" and "_Abmelden …"). Each <menu> in ui/*.ui is one popover:
its items in every section share the letters. The check first refuses a
menu made to clash, so that it cannot pass by finding nothing.
Usage: check-mnemonics.py SOURCE-ROOT
"""
import ast
import glob
import os
import sys
import xml.etree.ElementTree as ET


def mnemonic(label):
    """The underlined letter of @label, lower case, or None"""
    i = 0
    while i < len(label) - 1:
        if label[i] == "_":
            if label[i + 1] != "_":
                return label[i + 1].lower()
            i += 1
        i += 1
    return None


def clashes(labels):
    """The pairs of @labels that share a mnemonic"""
    seen = {}
    found = []
    for label in labels:
        key = mnemonic(label)
        if key is None:
            continue
        if key in seen:
            found.append((seen[key], label))
        else:
            seen[key] = label
    return found


def menus(path):
    """Each <menu> of a .ui file: its id and its items' translatable labels"""
    for menu in ET.parse(path).getroot().iter("menu"):
        labels = [a.text for a in menu.iter("attribute")
                  if a.get("name") == "label" and a.text]
        yield menu.get("id"), labels


def po_strings(path):
    """msgid → msgstr of a .po file (translated, not fuzzy, no plurals)"""
    table, entry, field, fuzzy = {}, {}, None, False

    def flush():
        if entry.get("msgid") and entry.get("msgstr") and not fuzzy:
            table[entry["msgid"]] = entry["msgstr"]

    with open(path, encoding="utf-8") as po:
        for line in po:
            line = line.strip()
            if not line:
                flush()
                entry, field, fuzzy = {}, None, False
            elif line.startswith("#,") and "fuzzy" in line:
                fuzzy = True
            elif line.startswith(("msgid ", "msgstr ")):
                field, _, text = line.partition(" ")
                entry[field] = ast.literal_eval(text)
            elif line.startswith('"') and field:
                entry[field] += ast.literal_eval(line)
    flush()
    return table


def main():
    root = sys.argv[1]
    failures = 0
    if not clashes(["_Add Account…", "_Refresh", "_About Pacific"]):
        print("not ok - the check does not see a clash made on purpose")
        return 1
    translations = {os.path.basename(p)[:-3]: po_strings(p)
                    for p in sorted(glob.glob(os.path.join(root, "po", "*.po")))}
    for path in sorted(glob.glob(os.path.join(root, "ui", "*.ui"))):
        for menu_id, labels in menus(path):
            where = "%s#%s" % (os.path.basename(path), menu_id)
            for language, table in [("en", {})] + list(translations.items()):
                shown = [table.get(label, label) for label in labels]
                for first, second in clashes(shown):
                    print("not ok - %s (%s): %r and %r share a mnemonic"
                          % (where, language, first, second))
                    failures += 1
            print("ok - %s: %d items, %d languages" % (where, len(labels),
                                                        1 + len(translations)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
