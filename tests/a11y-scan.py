#!/usr/bin/python3
"""ui: every control a keyboard reaches has a name a screen reader can say.

Starts Pacific on its built-in simulator (--demo) and walks what AT-SPI
sees of the main window, then of the New Cluster window (for a namespace
selected through AT-SPI) and the Add Account window, each opened through
AT-SPI's own action: a focusable, showing control whose name is empty (or
a widget class such as "GtkImage") is reported, and any such fails.
Usage: a11y-scan.py PACIFIC-BINARY
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import gi

    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi
except (ImportError, ValueError) as missing:
    if os.environ.get("PACIFIC_CI") == "1":
        raise SystemExit("not ok - AT-SPI for Python is missing (%s), and PACIFIC_CI=1" % missing)
    print("1..0 # SKIP no AT-SPI for Python (python3-gi, gir1.2-atspi-2.0): %s" % missing)
    sys.exit(77)


def wait_for(what, predicate, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(0.2)
    raise SystemExit("not ok - timed out waiting for " + what)


def app_named(name):
    desktop = Atspi.get_desktop(0)
    for i in range(desktop.get_child_count()):
        app = desktop.get_child_at_index(i)
        if app is not None and app.get_name() == name:
            return app
    return None


def walk(node, depth=0):
    yield node, depth
    if depth > 60:
        return
    for i in range(node.get_child_count()):
        child = node.get_child_at_index(i)
        if child is not None:
            yield from walk(child, depth + 1)


def unnamed(window):
    found = []
    for node, _ in walk(window):
        states = node.get_state_set()
        if not (states.contains(Atspi.StateType.FOCUSABLE)
                and states.contains(Atspi.StateType.VISIBLE)):
            continue
        name = (node.get_name() or "").strip()
        if name == "" or (name.startswith("Gtk") and " " not in name):
            found.append("%s (%s)" % (node.get_role_name(), name or "no name"))
    return found


def window_titled(app, title):
    for i in range(app.get_child_count()):
        window = app.get_child_at_index(i)
        if window is not None and window.get_name() == title:
            return window
    return None


def press(window, name):
    for node, _ in walk(window):
        if node.get_name() == name and node.get_role() == Atspi.Role.PUSH_BUTTON:
            if node.get_n_actions() > 0:
                node.do_action(0)
                return True
    return False


def select_item(window, prefix):
    for node, _ in walk(window):
        if node.get_role() == Atspi.Role.LIST_ITEM and (node.get_name() or "").startswith(prefix):
            return node.get_parent().select_child(node.get_index_in_parent())
    return False


def enabled_button(window, name):
    for node, _ in walk(window):
        if (node.get_role() == Atspi.Role.PUSH_BUTTON and node.get_name() == name
                and node.get_state_set().contains(Atspi.StateType.SENSITIVE)):
            return node
    return None


def report(title, root):
    missing = unnamed(root)
    for item in missing:
        print("not ok - %s: a focusable %s" % (title, item))
    if not missing:
        print("ok - %s: every focusable control is named" % title)
    return len(missing)


def main():
    tmp = tempfile.mkdtemp(prefix="a11y-scan-")
    app_process = subprocess.Popen([sys.argv[1], "--demo"], stdout=subprocess.DEVNULL,
                                   env=dict(os.environ, TMPDIR=tmp))
    failures = 0
    try:
        app = wait_for("Pacific on the accessibility bus", lambda: app_named("pacific"))
        window = wait_for("the main window", lambda: window_titled(app, "Pacific"))
        # the demo's Supervisor page is in
        wait_for("the demo's Supervisor page", lambda: any(
            n.get_name() == "Kubernetes Version" for n, _ in walk(window)))
        failures += report("main window", window)
        # the creator, for a namespace selected as a screen reader selects it
        if select_item(window, "dev,") and wait_for(
                "New Cluster to be enabled", lambda: enabled_button(window, "New Cluster")):
            press(window, "New Cluster")
            failures += report("New Cluster", wait_for(
                "the New Cluster window", lambda: window_titled(app, "New Cluster")))
        else:
            print("not ok - main window: the namespace dev could not be selected")
            failures += 1
        # a dialog opened as a user of a screen reader opens it
        if not press(window, "Add Account"):
            print("not ok - main window: no button named Add Account")
            failures += 1
        else:
            failures += report("Add Account", wait_for(
                "the Add Account window", lambda: window_titled(app, "Add Account")))
    finally:
        app_process.terminate()
        app_process.wait(timeout=30)
        left = os.listdir(tmp)
        if left:
            print("not ok - the demo left %s behind after SIGTERM" % ", ".join(left))
            failures += 1
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d unnamed" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
