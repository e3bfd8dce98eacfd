"""The NDJSON protocol the helpers (rtsp_host.py, webrtc_host.py) speak with lydlr-gst over stdio.

stdin: the first line is the config, one JSON object; then one command per line, {"cmd": ...};
the end of stdin means stop. stdout: one event per line, {"type": ...}. A helper that cannot go
on prints {"type": "error", "code": ..., "message": ...} and exits non-zero.
Standard library only at import time: errors must be reportable before GStreamer's bindings load.
"""
import json
import os
import sys
import threading

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_MISSING = 0, 1, 2, 3

_out_lock = threading.Lock()  # events come from the main loop and from GStreamer's threads


def emit(event):
    """Prints one event as one line; any thread may call it."""
    line = json.dumps(event, separators=(",", ":"))
    with _out_lock:
        try:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()
        except (BrokenPipeError, ValueError):
            os._exit(EXIT_OK)  # our parent is gone: nobody is listening


def fail(code, message, exit_code, **extra):
    """The error record, then exit at once: no interpreter teardown racing GStreamer's threads."""
    emit({"type": "error", "code": code, "message": message, **extra})
    os._exit(exit_code)


class Stdin:
    """fd 0 as lines, read with os.read: a buffered reader could hold lines a fd watch never sees."""

    def __init__(self, fd=0):
        self.fd = fd
        self._buf = b""

    def read_config(self, code, expected):
        """The first line as a JSON object; otherwise fail(code, ...) saying what was `expected`."""
        while b"\n" not in self._buf:
            chunk = os.read(self.fd, 65536)
            if not chunk:
                break
            self._buf += chunk
        line, _, self._buf = self._buf.partition(b"\n")
        try:
            config = json.loads(line.decode("utf-8", "replace"))
        except ValueError as exc:
            fail(code, f"the first stdin line must be {expected}: {exc}", EXIT_USAGE)
        if not isinstance(config, dict):
            fail(code, f"the first stdin line must be {expected}", EXIT_USAGE)
        return config

    def watch(self, on_command, on_invalid, on_end):
        """From the GLib main loop: on_command(dict) per command, on_invalid(line) per other line,
        on_end() once stdin has ended. Lines that came with the config are handled first."""
        from gi.repository import GLib

        def dispatch(lines):
            for raw in lines:
                line = raw.decode("utf-8", "replace").strip()
                if not line:
                    continue
                try:
                    msg = json.loads(line)
                except ValueError:
                    msg = None
                if isinstance(msg, dict) and isinstance(msg.get("cmd"), str):
                    on_command(msg)
                else:
                    on_invalid(line)

        def readable(*_args):
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                chunk = b""
            self._buf += chunk
            *lines, self._buf = self._buf.split(b"\n")
            if not chunk and self._buf.strip():
                lines.append(self._buf)  # a last command without its newline
                self._buf = b""
            dispatch(lines)
            if chunk:
                return True
            on_end()
            return False

        def buffered():
            *lines, self._buf = self._buf.split(b"\n")
            dispatch(lines)
            return False

        GLib.idle_add(buffered)
        GLib.unix_fd_add_full(GLib.PRIORITY_DEFAULT, self.fd,
                              GLib.IOCondition.IN | GLib.IOCondition.HUP | GLib.IOCondition.ERR, readable)
