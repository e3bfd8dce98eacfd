#!/usr/bin/python3
"""Thin host for GstRtspServer, driven by lydlr-gst over NDJSON (stdin in, stdout out).

Run with Debian's /usr/bin/python3 (python3-gi, gir1.2-gst-rtsp-server-1.0).
stdin, first line: the config, {"host","port","mounts":[{"path","launch","shared","loop","record","recorded"}],
  "auth":[{"user","pass"}],"authScheme":"basic"|"digest","protocols":"udp-tcp"|"tcp",
  "multicast","statsIntervalMs"}; later lines: {"cmd":"stop"}, {"cmd":"graph","mount":"/x"}.
  EOF on stdin also stops.
stdout: one JSON event per line: ready, client-connected, client-disconnected, media-playing,
  media-eos, graph (the answer to a graph command), error, stats. Exit 0 after a stop, 2 on a bad config or a port that cannot be bound.
The launch lines come from the TypeScript side; this file only hosts them.
"""
import errno
import os
import signal
import socket
import sys
import threading
import time

sys.dont_write_bytecode = True  # importing a sibling module writes no __pycache__ into the install
from ndjson_protocol import EXIT_USAGE, Stdin, emit, fail  # noqa: E402

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtsp", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtsp, GstRtspServer  # noqa: E402

Gst.init(None)  # before HostedMedia is registered: its vfuncs need GstMessage's GType

ROLE = "viewer"
STOP_WAIT_MS = 1000  # how long a stop lets clients get their RTCP BYE and leave by themselves
STDIN = Stdin()  # one reader for the config line and the commands: no line lost in a buffer


class HostedMedia(GstRtspServer.RTSPMedia):
    """An RTSPMedia that reports its bus (EOS, errors) and loops a file with segment seeks."""

    mount, loop, record, recorded = "?", False, False, False
    looping = got_eos = playing = False
    octets = 0  # last reading of its RTP byte counters
    frames = 0  # encoded video frames into pay0 (one probe call per frame: cheap at video rates)

    def do_handle_message(self, message):
        if message.type == Gst.MessageType.SEGMENT_DONE and self.loop:
            # A non-flushing segment seek keeps running time (so RTP timestamps) monotonic:
            # clients see one endless stream, never a reset. Sent from pay0 upstream because a
            # seek sent to the pipeline goes to the RTP sinks and stops at rtpbin.
            seek = Gst.Event.new_seek(1.0, Gst.Format.TIME, Gst.SeekFlags.SEGMENT,
                                      Gst.SeekType.SET, 0, Gst.SeekType.NONE, -1)
            pay0 = self.get_element().get_by_name("pay0")
            if pay0 is None or not pay0.get_static_pad("sink").push_event(seek):
                emit({"type": "error", "code": "loop-failed", "mount": self.mount, "message": "the input cannot seek"})
        elif message.type == Gst.MessageType.EOS:
            self.got_eos = True
            emit({"type": "media-eos", "mount": self.mount})
        elif message.type == Gst.MessageType.ERROR:
            self.report_error(message)
        return GstRtspServer.RTSPMedia.do_handle_message(self, message)

    def watch_errors(self):
        # A pipeline that fails while it prepares (a missing camera) is torn down by RTSPMedia, whose
        # bus watch goes with it: under load the ERROR was then never dispatched (1 run in 10).
        # Sync messages come from the posting thread at once.
        bus = self.get_element().get_parent().get_bus()
        bus.enable_sync_message_emission()
        bus.connect("sync-message::error", lambda _bus, message: self.report_error(message))

    def report_error(self, message):
        with self.errors_lock:  # once each, whichever of the two ways sees it first
            if message.get_seqnum() in self.reported_errors:
                return
            self.reported_errors.add(message.get_seqnum())
        err, debug = message.parse_error()
        emit({"type": "error", "code": "media", "mount": self.mount, "message": err.message,
              "element": message.src.get_name() if message.src else None, "debug": debug})

    def do_query_stop(self, stop):
        # "Unknown stop" makes the SDP range "npt=0-", not "npt=0-<length>", which clients end on
        # by themselves (rtpjitterbuffer's npt-stop timer). A looping file has no end. A recorded
        # mount (rtsp --record) must end its recorder through the RTCP BYE, which comes after each
        # stream's last packet: the timer ends audio and video on two threads, and when video ends
        # first with audio still to come, the recorder's splitmuxsink waits forever (5 hangs in
        # ~90 recordings of a 2 s file on a loaded machine; none in 100 with the open range).
        # PyGObject hands the gint64* out-argument in as an int, so "unknown" is all we can say.
        open_ended = self.loop or self.recorded
        return False if open_ended else GstRtspServer.RTSPMedia.do_query_stop(self, stop)

    def read_octets(self):
        # Payload bytes sent (or, recording, received), read from rtpbin's own counters: counted
        # once per encode whatever the viewers, and free, where a Python pad probe cost ~10% of a core.
        key, total = ("octets-received" if self.record else "octets-sent"), 0
        for i in range(self.n_streams()):
            session = self.get_stream(i).get_rtpsession()
            stats = session.get_property("stats") if session else None  # keep it alive while reading
            for source in stats.get_value("source-stats") if stats else []:
                if source.get_value("internal") != self.record:
                    total += source.get_value(key) or 0
        self.octets = max(self.octets, total)
        return self.octets


class Host:
    def __init__(self, config):
        self.config = config
        self.loop = GLib.MainLoop()
        self.started = time.monotonic()
        self.clients = {}  # RTSPClient -> {"address", "port"}
        self.medias = []  # prepared HostedMedia
        self.bytes_done = {m["path"]: 0 for m in config["mounts"]}  # from medias already gone
        self.frames_done = {m["path"]: 0 for m in config["mounts"]}
        self.lock = threading.Lock()  # medias come and go in media threads
        self.stopping = False
        self.server = GstRtspServer.RTSPServer()
        self.server.set_address(config.get("host", "127.0.0.1"))
        self.server.set_service(str(config.get("port", 8554)))
        self.server.connect("client-connected", self.on_client)
        self.setup_auth()
        for mount in config["mounts"]:
            self.server.get_mount_points().add_factory(mount["path"], self.make_factory(mount))

    def setup_auth(self):
        users = self.config.get("auth") or []
        if not users:
            return
        auth = GstRtspServer.RTSPAuth()
        # RTSPToken.new() is varargs and cannot be called from PyGObject: build it field by field.
        token = GstRtspServer.RTSPToken()
        token.set_string(GstRtspServer.RTSP_TOKEN_MEDIA_FACTORY_ROLE, ROLE)
        digest = self.config.get("authScheme") == "digest"
        for user in users:
            if digest:
                auth.add_digest(user["user"], user["pass"], token)
            else:
                auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user["user"], user["pass"]), token)
        auth.set_supported_methods(GstRtsp.RTSPAuthMethod.DIGEST if digest else GstRtsp.RTSPAuthMethod.BASIC)
        self.server.set_auth(auth)

    def make_factory(self, mount):
        factory = GstRtspServer.RTSPMediaFactory()
        factory.set_launch(mount["launch"])
        factory.set_shared(mount.get("shared", True))  # one pipeline (one encode) for every viewer
        factory.set_media_gtype(HostedMedia)
        protocols = GstRtsp.RTSPLowerTrans.TCP
        if self.config.get("protocols", "udp-tcp") != "tcp":
            protocols |= GstRtsp.RTSPLowerTrans.UDP
        if self.config.get("multicast"):
            pool = GstRtspServer.RTSPAddressPool()
            pool.add_range("239.255.42.0", "239.255.42.255", 5000, 5999, 16)
            factory.set_address_pool(pool)
            protocols |= GstRtsp.RTSPLowerTrans.UDP_MCAST
        factory.set_protocols(protocols)
        if mount.get("record"):
            # Clients push (ANNOUNCE + RECORD, e.g. rtspclientsink); the launch names depay0..N.
            factory.set_transport_mode(GstRtspServer.RTSPTransportMode.RECORD)
        if self.config.get("auth"):
            perms = GstRtspServer.RTSPPermissions()
            perms.add_permission_for_role(ROLE, GstRtspServer.RTSP_PERM_MEDIA_FACTORY_ACCESS, True)
            perms.add_permission_for_role(ROLE, GstRtspServer.RTSP_PERM_MEDIA_FACTORY_CONSTRUCT, True)
            factory.set_permissions(perms)
        factory.connect("media-configure", self.on_media, mount)
        return factory

    def on_media(self, _factory, media, mount):
        media.mount, media.loop, media.record = mount["path"], bool(mount.get("loop")), bool(mount.get("record"))
        media.recorded = bool(mount.get("recorded"))
        media.reported_errors, media.errors_lock = set(), threading.Lock()
        media.watch_errors()
        media.connect("prepared", self.on_prepared)
        media.connect("new-state", self.on_new_state)
        # Read the counters while rtpbin still exists (target NULL comes before the teardown).
        media.connect("target-state", lambda m, state: state == Gst.State.NULL and m.read_octets())
        media.connect("unprepared", self.on_unprepared)

    def on_prepared(self, media):
        with self.lock:
            if media in self.medias:  # "prepared" comes again after each seek
                return
            self.medias.append(media)
        emit({"type": "media-prepared", "mount": media.mount})  # a new pipeline for the mount
        pay0 = None if media.record else media.get_element().get_by_name("pay0")
        if pay0 is not None:
            pay0.get_static_pad("sink").add_probe(Gst.PadProbeType.BUFFER, self.on_frame, media)
        # At the file's end rtpbin sends BYE and drops its sender with its counters: read them as the
        # EOS leaves the payloader, before it reaches rtpbin (an event probe: nothing per buffer).
        for i in range(media.n_streams()):
            media.get_stream(i).get_srcpad().add_probe(Gst.PadProbeType.EVENT_DOWNSTREAM, self.on_stream_event, media)

    @staticmethod
    def on_frame(_pad, _info, media):
        media.frames += 1
        return Gst.PadProbeReturn.OK

    @staticmethod
    def on_stream_event(_pad, info, media):
        if info.get_event().type == Gst.EventType.EOS:
            media.read_octets()
        return Gst.PadProbeReturn.OK

    def on_unprepared(self, media):
        with self.lock:
            if media in self.medias:
                self.medias.remove(media)
                self.bytes_done[media.mount] += media.octets
                self.frames_done[media.mount] += media.frames

    def on_new_state(self, media, state):
        if state == Gst.State.PLAYING and not media.playing:
            media.playing = True  # once per media: lydlr-gst may then ask for its graph
            emit({"type": "media-playing", "mount": media.mount})
        if media.loop and state == Gst.State.PLAYING and not media.looping:
            media.looping = True
            GLib.idle_add(self.start_loop, media)  # seek_full waits for preroll: not on the bus thread

    def start_loop(self, media):
        # Put the file in segment mode (SEGMENT_DONE instead of EOS at its end) with RTSPMedia's
        # own seek: it holds the media's state lock, so a client's PLAY cannot race it.
        _, whole = GstRtsp.rtsp_range_parse("npt=0-")
        if not media.seek_full(whole, Gst.SeekFlags.FLUSH | Gst.SeekFlags.SEGMENT):
            emit({"type": "error", "code": "loop-failed", "mount": media.mount, "message": "the input cannot seek"})
        return False

    def on_client(self, _server, client):
        connection = client.get_connection()
        address, port = connection.get_ip(), None
        try:
            port = connection.get_read_socket().get_remote_address().get_port()
        except (AttributeError, GLib.Error):  # the address is enough; the port is a courtesy
            pass
        self.clients[client] = {"address": address, "port": port}
        emit({"type": "client-connected", "address": address, "port": port})
        client.connect("closed", self.on_client_closed)

    def on_client_closed(self, client):
        peer = self.clients.pop(client, None)
        if peer is not None:
            emit({"type": "client-disconnected", **peer})

    def on_stats(self):
        with self.lock:  # copy, then read counters unlocked: reading takes the media's own locks
            mounts = {path: {"bytes": done, "frames": self.frames_done[path]} for path, done in self.bytes_done.items()}
            medias = list(self.medias)
        for media in medias:
            mounts[media.mount]["bytes"] += media.read_octets()
            mounts[media.mount]["frames"] += media.frames
        emit({"type": "stats", "clients": len(self.clients), "uptimeSeconds": round(time.monotonic() - self.started, 1),
              "bytes": sum(m["bytes"] for m in mounts.values()), "mounts": mounts})
        return True

    def on_command(self, command):
        if command["cmd"] == "stop":
            self.stop()
        elif command["cmd"] == "graph":
            self.send_graph(str(command.get("mount")))
        else:
            emit({"type": "error", "code": "bad-command", "message": f"unknown command: {command['cmd'][:200]}"})

    def send_graph(self, mount):
        """The mount's media pipeline as GStreamer draws it (what GST_DEBUG_DUMP_DOT_DIR would hold)."""
        with self.lock:
            medias = [m for m in self.medias if m.mount == mount]
        if not medias:
            emit({"type": "graph", "mount": mount, "dot": None, "message": f"{mount} has no media pipeline now (no viewer)"})
            return
        element = medias[-1].get_element()
        pipeline = element.get_parent() or element  # RTSPMedia puts its element in a pipeline of its own
        emit({"type": "graph", "mount": mount, "dot": Gst.debug_bin_to_dot_data(pipeline, Gst.DebugGraphDetails.ALL)})

    @staticmethod
    def on_invalid(line):
        emit({"type": "error", "code": "bad-command", "message": f"not a command: {line[:200]}"})

    def stop(self):
        if self.stopping:
            return False
        self.stopping = True
        # EOS into each pipeline makes rtpbin send RTCP BYE: clients end with EOS (and most
        # send TEARDOWN themselves); whoever is still connected at the deadline is closed.
        with self.lock:
            medias = list(self.medias)
        for media in medias:
            media.get_element().get_parent().send_event(Gst.Event.new_eos())
        deadline = time.monotonic() + STOP_WAIT_MS / 1000

        def finish():
            if time.monotonic() < deadline and (self.clients or not all(m.got_eos for m in medias)):
                return True
            self.server.client_filter(lambda _server, _client: GstRtspServer.RTSPFilterResult.REMOVE)
            GLib.timeout_add(100, self.quit)  # let the "closed" signals of removed clients arrive
            return False

        GLib.timeout_add(20, finish)
        return False  # also removes the signal source when called from one

    def quit(self):
        for peer in self.clients.values():
            emit({"type": "client-disconnected", **peer})
        self.clients.clear()
        self.on_stats()  # the closing tally: a session shorter than the stats interval still counts
        self.loop.quit()
        return False

    def run(self):
        host = self.config.get("host", "127.0.0.1")
        if self.server.attach(None) == 0:
            fail(*bind_failure(host, int(self.config.get("port", 8554))), EXIT_USAGE)
        port = self.server.get_bound_port()  # the real one when the config asked for port 0
        shown = f"[{host}]" if ":" in host else host
        for mount in self.config["mounts"]:
            emit({"type": "ready", "url": f"rtsp://{shown}:{port}{mount['path']}", "mount": mount["path"], "port": port})
        STDIN.watch(self.on_command, self.on_invalid, self.stop)  # the end of stdin: our parent is gone
        for sig in (signal.SIGTERM, signal.SIGINT):
            GLib.unix_signal_add(GLib.PRIORITY_HIGH, sig, self.stop)
        interval = int(self.config.get("statsIntervalMs", 5000))
        if interval > 0:
            GLib.timeout_add(interval, self.on_stats)
        self.loop.run()


def bind_failure(host, port):
    """attach() only returns 0: bind a plain socket to tell the user which problem it is."""
    try:
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gst-rtsp-server does
            probe.bind((host, port))
    except OSError as err:
        if isinstance(err, socket.gaierror) or err.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT):
            return "bad-host", f"{host} is not an address of this machine"
        if err.errno == errno.EADDRINUSE:
            return "port-busy", f"port {port} is already in use"
        if err.errno == errno.EACCES:
            return "port-denied", f"port {port} needs privileges (use a port above 1023)"
        return "listen-failed", f"cannot listen on {host}:{port}: {err.strerror}"
    return "listen-failed", f"cannot listen on {host}:{port}"


def read_config():
    expected = "a JSON config with mounts [{path: '/x', launch}]"
    config = STDIN.read_config("bad-config", expected)
    try:
        mounts = config["mounts"]
        assert mounts and all(m["path"].startswith("/") and m["launch"] for m in mounts)
    except (KeyError, TypeError, AssertionError, AttributeError):
        fail("bad-config", f"the first stdin line must be {expected}", EXIT_USAGE)
    for mount in mounts:
        try:  # parse now, so a bad launch line fails at start and not at the first viewer
            Gst.parse_launch(mount["launch"]).set_state(Gst.State.NULL)
        except GLib.Error as err:
            fail("bad-launch", f"{mount['path']}: {err.message}", EXIT_USAGE)
    return config


if __name__ == "__main__":
    Host(read_config()).run()
    sys.stdout.flush()
    # Skip interpreter teardown: finalizing GStreamer objects still owned by media threads can hang.
    os._exit(0)
