#!/usr/bin/python3
"""ui: every control a keyboard reaches has a name a screen reader can say.

Starts Pacific on its built-in simulator (--demo) and walks what AT-SPI
sees of the main window, then of every dialog it can reach (opened through
AT-SPI's own actions, for rows selected through AT-SPI, or through the
main menu): a focusable, showing control whose name
is empty, a widget class such as "GtkImage", or a raw mnemonic such as
"_Add" is reported, and any such fails. After each dialog closes it asks
Pacific's root for every window index a screen reader may still hold: GTK
4.8 crashed the app when one led to a hidden window.
Usage: a11y-scan.py PACIFIC-BINARY
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

try:
    import gi

    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi, Gio, GLib
except (ImportError, ValueError) as missing:
    if os.environ.get("PACIFIC_CI") == "1":
        raise SystemExit("not ok - AT-SPI for Python is missing (%s), and PACIFIC_CI=1" % missing)
    print("1..0 # SKIP no AT-SPI for Python (python3-gi, gir1.2-atspi-2.0): %s" % missing)
    sys.exit(77)


BUTTONS = (Atspi.Role.PUSH_BUTTON, Atspi.Role.TOGGLE_BUTTON)
RAW_MNEMONIC = re.compile(r"(^|\s)_\w")


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


def where(node):
    """The roles and names above @node, nearest first, for the report"""
    chain = []
    up = node.get_parent()
    while up is not None and len(chain) < 4:
        chain.append("%s %r" % (up.get_role_name(), up.get_name() or ""))
        up = up.get_parent()
    return " < ".join(chain)


def focusable(node):
    states = node.get_state_set()
    return (states.contains(Atspi.StateType.FOCUSABLE)
            and states.contains(Atspi.StateType.VISIBLE))


def hands_focus_on(node):
    """A focusable panel with something focusable inside. GTK 4.14+ gives a
    panel (the "generic" role) no name, whatever the app sets, as ARIA says;
    libadwaita makes two such focusable, each passing focus to what is in
    it (a dialog's sheet, an expander row's header list), so Tab never
    stops on them and a screen reader has nothing to read there."""
    if node.get_role() != Atspi.Role.PANEL:
        return False
    return any(focusable(inner) for inner, depth in walk(node) if depth > 0)


def unnamed(window):
    found = []
    for node, _ in walk(window):
        if not focusable(node) or hands_focus_on(node):
            continue
        name = (node.get_name() or "").strip()
        if name == "" or (name.startswith("Gtk") and " " not in name):
            found.append("%s (%s) in %s" % (node.get_role_name(), name or "no name", where(node)))
        elif node.get_role() in BUTTONS and RAW_MNEMONIC.search(name):
            # a screen reader would say "underscore"
            found.append("%s named with its raw mnemonic (%s)" % (node.get_role_name(), name))
    return found


def window_titled(app, title):
    for i in range(app.get_child_count()):
        window = app.get_child_at_index(i)
        if window is not None and window.get_name() == title:
            return window
    return None


def on_screen(node):
    """GTK 4.8 says SHOWING of windows only; a control on a page not shown
    has no extent"""
    extents = node.get_extents(Atspi.CoordType.WINDOW)
    return extents.width > 0 and extents.height > 0


def press(window, name):
    for node, _ in walk(window):
        if node.get_name() == name and node.get_role() == Atspi.Role.PUSH_BUTTON:
            if node.get_n_actions() > 0 and on_screen(node):
                node.do_action(0)
                return True
    return False


def select_item(window, prefix):
    """Selects the row alone. The tree allows several rows selected (a
    GtkMultiSelection); GTK 4.2x's AT-SPI adds the row to those selected,
    where 4.8 selected it alone, so the rows selected before are cleared
    first, as a screen reader user would."""
    for node, _ in walk(window):
        if node.get_role() == Atspi.Role.LIST_ITEM and (node.get_name() or "").startswith(prefix):
            rows = node.get_parent()
            return rows.clear_selection() and rows.select_child(node.get_index_in_parent())
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


class Root:
    """Pacific's AT-SPI root, asked directly as a screen reader asks it."""

    ROOT = "/org/a11y/atspi/accessible/root"

    def __init__(self, pid):
        session = Gio.bus_get_sync(Gio.BusType.SESSION)
        address = session.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                                    None, GLib.VariantType("(s)"), 0, -1, None).unpack()[0]
        self.bus = Gio.DBusConnection.new_for_address_sync(
            address, Gio.DBusConnectionFlags.AUTHENTICATION_CLIENT
            | Gio.DBusConnectionFlags.MESSAGE_BUS_CONNECTION, None, None)
        self.name = wait_for("Pacific's name on the accessibility bus", lambda: self._name_of(pid))

    def _call(self, dest, path, interface, method, args=None):
        return self.bus.call_sync(dest, path, interface, method, args, None, 0, 10000,
                                  None).unpack()

    def _name_of(self, pid):
        bus = ("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus")
        for name in self._call(*bus, "ListNames")[0]:
            if name.startswith(":") and self._call(
                    *bus, "GetConnectionUnixProcessID", GLib.Variant("(s)", (name,)))[0] == pid:
                return name
        return None

    def child_count(self):
        return len(self._call(self.name, self.ROOT, "org.a11y.atspi.Accessible", "GetChildren")[0])

    def probe(self, indices):
        """What a screen reader does with a child count read before a window
        closed: asks for every index up to it. Returns what went wrong."""
        for index in range(indices):
            try:
                (_, path), = self._call(self.name, self.ROOT, "org.a11y.atspi.Accessible",
                                        "GetChildAtIndex", GLib.Variant("(i)", (index,)))
            except GLib.Error as error:
                return "top-level window %d: %s" % (index, error.message)
            if not path:
                return "top-level window %d has no path" % index
        return None


def is_menu_item(node, label):
    """@node is the menu item labelled @label ("_Preferences"): by its name,
    or where it has none (GTK 4.2x names no item of a popover menu and
    shows none of its text, in any app) by the key its mnemonic gives"""
    if node.get_role() != Atspi.Role.MENU_ITEM:
        return False
    if node.get_name():
        return node.get_name().replace("_", "") == label.replace("_", "")
    key = "alt+" + label[label.index("_") + 1].lower()
    return key in node.get_attributes().get("keyshortcuts", "").lower().split()


def choose_from_main_menu(window, item):
    menu = next((n for n, _ in walk(window) if n.get_name() == "Main Menu" and on_screen(n)
                 and n.get_n_actions() > 0),
                None)
    if menu is None:
        return "no Main Menu button"
    menu.do_action(0)
    entry = wait_for("the menu item " + item, lambda: next(
        (n for n, _ in walk(window) if is_menu_item(n, item) and on_screen(n)
         and n.get_n_actions() > 0), None))
    entry.do_action(0)
    return None


# Each dialog: how to reach it (a row to select, a button or a menu item),
# the start of its title, and the button that closes it
DIALOGS = [
    ("New Cluster", "dev,", "New Cluster", None, "New Cluster", "Cancel"),
    ("Export Kubeconfig", "dev,", "Export Kubeconfig", None, "Export Kubeconfig", "Cancel"),
    ("Registry CA", "dev,", "Registry CA", None, "Trust a Registry CA", "Cancel"),
    ("New Namespace", "Cluster-01", "New Namespace…", None, "New Namespace", "Cancel"),
    ("Add Account", None, "Add Account", None, "Add Account", "Cancel"),
    ("Preferences", None, None, "_Preferences", "", "Close"),
    ("About", None, None, "_About Pacific", "About", "Close"),
]


def new_window(app, known):
    for i in range(app.get_child_count()):
        window = app.get_child_at_index(i)
        if window is not None and window.get_name() not in known:
            return window
    return None


def inner_dialog(window, title):
    """A dialog drawn inside the window (AdwDialog, libadwaita 1.5+)"""
    for node, _ in walk(window):
        if (node.get_role() == Atspi.Role.DIALOG and (node.get_name() or "").startswith(title)
                and on_screen(node)):
            return node
    return None


def find_dialog(app, window, title):
    """The dialog titled @title: a window of its own, or one drawn inside
    the main window. Returns it and whether it is a window."""
    own = new_window(app, {"Pacific"})
    if own is not None:
        return own, True
    inner = inner_dialog(window, title)
    return (inner, False) if inner is not None else None


def open_dialog(app, window, spec):
    label, row, button, menu_item, _, _ = spec
    if row and not (select_item(window, row) and wait_for(
            button + " to be enabled", lambda: enabled_button(window, button))):
        return "%s: the row %s could not be selected" % (label, row)
    if menu_item:
        return choose_from_main_menu(window, menu_item)
    if not press(window, button):
        return "%s: no button named %s" % (label, button)
    return None


def scan_dialog(app, window, root, spec):
    """Opens one dialog as a screen reader user would, scans it, closes it,
    then asks the root for windows by the count read while it was open."""
    label, _, _, _, title, close = spec
    problem = open_dialog(app, window, spec)
    if problem:
        print("not ok - " + problem)
        return 1
    dialog, is_window = wait_for("the %s dialog" % label, lambda: find_dialog(app, window, title))
    if not dialog.get_name().startswith(title):
        print("not ok - %s: opened a window named %r" % (label, dialog.get_name()))
        return 1
    failures = report(label, dialog)
    count_while_open = root.child_count()
    if not press(dialog, close):
        print("not ok - %s: no button named %s" % (label, close))
        return failures + 1
    if not is_window:
        wait_for("the %s dialog to close" % label, lambda: inner_dialog(window, title) is None)
        print("ok - %s closed" % label)
        return failures
    wait_for("the %s window to close" % label, lambda: root.child_count() < count_while_open)
    problem = root.probe(count_while_open + 1)
    if problem:
        print("not ok - after %s closed: %s" % (label, problem))
        return failures + 1
    print("ok - after %s closed, every window index a screen reader may ask is answered" % label)
    return failures


def main():
    tmp = tempfile.mkdtemp(prefix="a11y-scan-")
    app_process = subprocess.Popen([sys.argv[1], "--demo"], stdout=subprocess.DEVNULL,
                                   env=dict(os.environ, TMPDIR=tmp))
    failures = 0
    try:
        app = wait_for("Pacific on the accessibility bus", lambda: app_named("pacific"))
        window = wait_for("the main window", lambda: window_titled(app, "Pacific"))
        root = Root(app_process.pid)
        # the demo's Supervisor page is in
        # (made when first shown; GTK 4.2x names a row by its title and subtitle)
        wait_for("the demo's Supervisor in the tree", lambda: select_item(window, "Cluster-01"))
        wait_for("the demo's Supervisor page", lambda: any(
            (n.get_name() or "").startswith("Kubernetes Version") for n, _ in walk(window)))
        failures += report("main window", window)
        # GTK 4.8 answered an index past the shown windows with a hidden one
        # (no path: the app crashed); none may be kept hidden
        problem = root.probe(root.child_count() + 1)
        if problem:
            print("not ok - main window: " + problem)
            failures += 1
        for spec in DIALOGS:
            failures += scan_dialog(app, window, root, spec)
        if app_process.poll() is not None:
            print("not ok - Pacific ended (%d) during the scan" % app_process.returncode)
            failures += 1
    finally:
        app_process.terminate()
        app_process.wait(timeout=30)
        left = os.listdir(tmp)
        if left:
            print("not ok - the demo left %s behind after SIGTERM" % ", ".join(left))
            failures += 1
        shutil.rmtree(tmp, ignore_errors=True)
    print("%d problems" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
