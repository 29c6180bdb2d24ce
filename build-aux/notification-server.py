#!/usr/bin/python3
"""The test session's desktop notifications (build-aux/test-session).

Owns what GNOME Shell (org.gtk.Notifications) and other desktops
(org.freedesktop.Notifications) own on the session bus, so that GLib's
notification backends deliver somewhere, and appends each title to the
file $PACIFIC_NOTIFICATIONS, one per line, for the tests to read. Touches
"$PACIFIC_NOTIFICATIONS.ready" once both names are owned.
"""
import os
import sys

import gi

gi.require_version("Gio", "2.0")
from gi.repository import Gio, GLib  # noqa: E402

XML = """<node>
<interface name='org.gtk.Notifications'>
 <method name='AddNotification'><arg type='s'/><arg type='s'/><arg type='a{sv}'/></method>
 <method name='RemoveNotification'><arg type='s'/><arg type='s'/></method>
</interface>
<interface name='org.freedesktop.Notifications'>
 <method name='Notify'><arg type='s'/><arg type='u'/><arg type='s'/><arg type='s'/>
  <arg type='s'/><arg type='as'/><arg type='a{sv}'/><arg type='i'/>
  <arg type='u' direction='out'/></method>
 <method name='CloseNotification'><arg type='u'/></method>
 <method name='GetCapabilities'><arg type='as' direction='out'/></method>
 <method name='GetServerInformation'><arg type='s' direction='out'/><arg type='s' direction='out'/>
  <arg type='s' direction='out'/><arg type='s' direction='out'/></method>
</interface>
</node>"""

log = os.environ["PACIFIC_NOTIFICATIONS"]
count = 0


def record(title):
    with open(log, "a", encoding="utf-8") as f:
        f.write(title.replace("\n", " ") + "\n")


def on_call(connection, sender, path, interface, method, params, invocation):
    global count
    if method == "AddNotification":
        record(params.unpack()[2].get("title", ""))
        invocation.return_value(None)
    elif method == "Notify":
        record(params.unpack()[3])
        count += 1
        invocation.return_value(GLib.Variant("(u)", (count,)))
    elif method == "GetCapabilities":
        invocation.return_value(GLib.Variant("(as)", (["body", "actions"],)))
    elif method == "GetServerInformation":
        invocation.return_value(GLib.Variant("(ssss)", ("pacific-test", "pacific", "1", "1.2")))
    else:
        invocation.return_value(None)


def main():
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    info = Gio.DBusNodeInfo.new_for_xml(XML)
    bus.register_object("/org/gtk/Notifications", info.interfaces[0], on_call, None, None)
    bus.register_object("/org/freedesktop/Notifications", info.interfaces[1], on_call, None, None)
    for name in ("org.gtk.Notifications", "org.freedesktop.Notifications"):
        bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                      "RequestName", GLib.Variant("(su)", (name, 4)), None,
                      Gio.DBusCallFlags.NONE, -1, None)
    open(log + ".ready", "w").close()
    GLib.MainLoop().run()


if __name__ == "__main__":
    sys.exit(main())
