#!/usr/bin/env python3
"""data: the repository explains itself.

Every "doc/NAME.md" that a source, test, build file or document names
exists, every relative link of a Markdown file leads to a file, and where a section is named with it ("doc/design.md, \"TLS\"")
that file has a heading that says so. Nothing points outside the
repository to notes a clone does not have (DESIGN.md, research/...).
Usage: check-doc-refs.py SOURCE-ROOT
"""
import os
import re
import sys

SCANNED = ("src", "tests", "build-aux", "data", "bench", "flatpak", "doc", "ui", "po")
TOP_FILES = ("meson.build", "README.md", "CONTRIBUTING.md", "meson_options.txt")
SUFFIXES = (".c", ".h", ".py", ".sh", ".build", ".md", ".txt", ".ui", ".in", ".json", ".xml", "")
REFERENCE = re.compile(r'doc/([\w-]+\.md)(?:,\s*(?:\*\s*|#\s*)?"([^"]+)")?')
LINK = re.compile(r"\]\(([^)#\s]+)")
OUTSIDE = re.compile(r"\bDESIGN\.md\b|\bresearch/[\w-]+\.md")


def files(root):
    for name in TOP_FILES:
        yield os.path.join(root, name)
    for top in SCANNED:
        for folder, _, names in os.walk(os.path.join(root, top)):
            for name in names:
                if os.path.splitext(name)[1] in SUFFIXES and "fuzz/corpus" not in folder:
                    yield os.path.join(folder, name)


def headings(path):
    with open(path, encoding="utf-8") as f:
        return [line.lstrip("#").strip().lower() for line in f if line.startswith("#")]


def main():
    root = sys.argv[1]
    problems = []
    seen = 0
    for path in files(root):
        try:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        except (UnicodeDecodeError, FileNotFoundError):
            continue
        relative = os.path.relpath(path, root)
        if relative == os.path.join("tests", "check-doc-refs.py"):
            continue
        if path.endswith(".md"):
            for link in LINK.findall(text):
                if not link.startswith(("http:", "https:", "mailto:")) and not os.path.exists(
                        os.path.join(os.path.dirname(path), link)):
                    problems.append("%s links to %s, which does not exist" % (relative, link))
        for match in OUTSIDE.finditer(text):
            problems.append("%s names %s, which is not in the repository" % (relative, match.group(0)))
        for match in REFERENCE.finditer(text):
            seen += 1
            doc = os.path.join(root, "doc", match.group(1))
            if not os.path.exists(doc):
                problems.append("%s points to doc/%s, which does not exist" % (relative, match.group(1)))
                continue
            section = match.group(2)
            if section:  # a comment wrapped in the middle of the name
                section = re.sub(r"\s*\n\s*(?:\*|#)?\s*", " ", section)
            if section and not any(section.lower() in h for h in headings(doc)):
                problems.append('%s points to doc/%s, "%s": no such heading'
                                % (relative, match.group(1), section))
    for problem in problems:
        print("not ok - " + problem)
    print("%d references to doc/, %d problems" % (seen, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
