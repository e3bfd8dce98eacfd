#!/usr/bin/python3
"""webrtc_host: a thin host for GStreamer's webrtcbin, driven over NDJSON on stdio.

Run by Debian's /usr/bin/python3 (PyGObject). This file only owns GStreamer objects: the shared
media pipeline, one webrtcbin per viewer, their promises and ICE. lydlr-gst decides everything
else before it gets here (config checks, offer checks, payload types, --ice-host candidates,
stats summaries). The messages are described in src/jobs/webrtc/helper-protocol.ts.

One encode is shared by all viewers. The media description ends in named tees; per viewer:
  tee ─► queue leaky=downstream ─► payloader (pt from that viewer's offer) ─► webrtcbin sink_<mline>
so a stuck viewer drops its own frames and never stalls the others.
"""
import ctypes
import os
import signal
import sys
import threading
import time

sys.dont_write_bytecode = True  # importing a sibling module writes no __pycache__ into the install
from ndjson_protocol import EXIT_FAILED, EXIT_MISSING, EXIT_OK, EXIT_USAGE, Stdin, emit, fail  # noqa: E402

try:
    import gi

    gi.require_version("Gst", "1.0")
    gi.require_version("GstSdp", "1.0")
    gi.require_version("GstWebRTC", "1.0")
    gi.require_version("GstVideo", "1.0")
    from gi.repository import GLib, Gst, GstSdp, GstVideo, GstWebRTC
except (ImportError, ValueError) as exc:  # bindings missing: the TS side maps exit 3 to an apt line
    fail("bindings", str(exc), EXIT_MISSING)

# What the config must hold (checked in full before it is sent; this only catches a mismatch).
CONFIG_KEYS = ("media", "video", "audio", "stun", "turn", "icePorts", "statsIntervalMs", "videoQueueBuffers",
               "audioQueueBuffers", "capsTimeoutMs", "gatherTimeoutMs", "connectTimeoutMs", "reapAfterMs",
               "idleTimeoutMs", "keyframeOnConnect", "keyframeMinIntervalMs", "loop")
GRAPH_CAPS_WAIT_MS = 5000  # a graph asked for before the encode has caps waits this long for them


class ConfigError(Exception):
    def __init__(self, message, code="config", exit_code=EXIT_USAGE):
        super().__init__(message)
        self.code = code
        self.exit_code = exit_code


# ---------------------------------------------------------------------------- GStreamer bits

_gobject = ctypes.CDLL("libgobject-2.0.so.0")
_gobject.g_object_ref.argtypes = [ctypes.c_void_p]
_gobject.g_object_ref.restype = ctypes.c_void_p
ctypes.pythonapi.PyCapsule_GetPointer.restype = ctypes.c_void_p
ctypes.pythonapi.PyCapsule_GetPointer.argtypes = [ctypes.py_object, ctypes.c_char_p]


# webrtcbin 1.22 keeps its ICE object with a floating ref; PyGObject sinks it on first access and
# the later unref frees it under webrtcbin (CRITICAL, use-after-free). Add back the ref it took.
def nice_agent(webrtc):
    ice = webrtc.get_property("ice-agent")
    if ice is None:
        return None
    _gobject.g_object_ref(ctypes.pythonapi.PyCapsule_GetPointer(ice.__gpointer__, None))
    return ice.get_property("agent") if ice.find_property("agent") else None


def count_elements(bin_):
    n, it = 0, bin_.iterate_recurse()
    while True:
        res, _ = it.next()
        if res == Gst.IteratorResult.OK:
            n += 1
        elif res == Gst.IteratorResult.RESYNC:
            n, it = 0, bin_.iterate_recurse()
        else:
            return n


def process_numbers():
    with open("/proc/self/statm") as f:
        rss = int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    return rss, len(os.listdir("/proc/self/fd"))


def enum_nick(value):
    nick = getattr(value, "value_nick", None)
    return nick if nick else str(value).lower()


# webrtcbin's get-stats reply → one dict per RTCStats object (its scalar fields, "type" as a nick).
# Runs on webrtcbin's thread, while the reply is alive.
def stats_rows(reply):
    rows = []
    for i in range(reply.n_fields() if reply is not None else 0):
        stats = reply.get_value(reply.nth_field_name(i))
        if not isinstance(stats, Gst.Structure) or not stats.has_field("type"):
            continue
        row = {}
        for j in range(stats.n_fields()):
            name = stats.nth_field_name(j)
            try:
                value = stats.get_value(name)
            except TypeError:  # a type PyGObject cannot convert: not a number anyway
                continue
            if hasattr(value, "value_nick"):
                row[name] = value.value_nick
            elif isinstance(value, (bool, int, float, str)):
                row[name] = value
        rows.append(row)
    return rows


class Branch:
    """tee src pad → queue → payloader → webrtcbin sink_<mline> for one peer and one kind."""

    def __init__(self, kind, queue, pay, sinkpad):
        self.kind = kind
        self.queue, self.pay, self.sinkpad = queue, pay, sinkpad
        self.tee = None
        self.tee_pad = None
        self.gate_probe = None
        self.fku_probe = None


class Peer:
    def __init__(self, pid, webrtc):
        self.id = pid
        self.webrtc = webrtc
        self.branches = []
        self.handlers = []  # (object, handler id)
        self.timers = {}  # name -> GLib source id
        self.stage = "offer"  # offer -> caps -> answer -> gather -> answered
        self.closing = False
        self.connected = False
        self.connection_state = "new"
        self.ice_state = "new"
        self.created = time.monotonic()
        self.last_rx = self.created  # updated by a probe on the viewer's incoming packets
        self.rx_probe = None  # (pad, probe id)
        self.ms = {}  # answer timing breakdown
        self.promises = []  # handed to webrtcbin, maybe not answered yet
        self.media = []  # [{"kind", "mline", "pt"}] as add-peer gave them


class Host:
    def __init__(self, cfg, stdin):
        self.cfg = cfg
        self.stdin = stdin
        self.peers = {}
        self.serial = 0
        self.loop = GLib.MainLoop()
        self.exit_code = EXIT_OK
        self.stopping = False
        self.ready = False
        self.last_keyframe = 0.0
        self.kf_lock = threading.Lock()
        self.stats_round = None
        self.pipeline = self._build_media()
        self.tees = {"video": self._tee(cfg["video"]["tee"])}
        # Encoded video frames into the shared tee: one probe call per frame, cheap at video rates.
        self.frames = 0
        self.tees["video"].get_static_pad("sink").add_probe(Gst.PadProbeType.BUFFER, self._count_frame)
        if cfg["audio"]:
            self.tees["audio"] = self._tee(cfg["audio"]["tee"])
        self._check_ice_servers()

    # -- setup

    def _build_media(self):
        try:
            element = Gst.parse_launch(self.cfg["media"])
        except GLib.Error as exc:
            missing = exc.matches(Gst.parse_error_quark(), Gst.ParseError.NO_SUCH_ELEMENT)
            raise ConfigError(f"media description: {exc.message}", "missing-element" if missing else "media",
                              EXIT_MISSING if missing else EXIT_USAGE) from None
        if isinstance(element, Gst.Pipeline):
            return element
        pipeline = Gst.Pipeline.new("media")
        pipeline.add(element)
        return pipeline

    def _tee(self, name):
        tee = self.pipeline.get_by_name(name)
        if tee is None or tee.get_factory() is None or tee.get_factory().get_name() != "tee":
            raise ConfigError(f"the media description has no tee named {name!r}", "media")
        tee.set_property("allow-not-linked", True)
        # The media part has no sink, so the bus never posts EOS: watch the tee for it instead.
        tee.get_static_pad("sink").add_probe(Gst.PadProbeType.EVENT_DOWNSTREAM, self._watch_eos)
        return tee

    def _count_frame(self, _pad, _info):
        self.frames += 1
        return Gst.PadProbeReturn.OK

    def _watch_eos(self, _pad, info):
        event = info.get_event()
        if event is not None and event.type == Gst.EventType.EOS:
            GLib.idle_add(self._on_eos)
        return Gst.PadProbeReturn.OK

    def _on_eos(self):
        if not self.stopping:
            emit({"type": "eos"})
            self.stop("eos")
        return False

    def _check_ice_servers(self):
        probe = Gst.ElementFactory.make("webrtcbin")
        if probe is None:
            raise ConfigError("no webrtcbin element (gstreamer1.0-plugins-bad, gstreamer1.0-nice)",
                              "missing-element", EXIT_MISSING)
        # Pay the one-time costs before "ready", not in the first viewer's answer: the first dtlsdec
        # generates the process's DTLS certificate (~450 ms here); the rest loads plugins.
        for name in ("dtlsdec", "dtlssrtpenc", "dtlssrtpdec", "srtpenc", "srtpdec", "nicesrc", "nicesink", "rtpbin"):
            Gst.ElementFactory.make(name)
        for url in self.cfg["turn"]:
            if not probe.emit("add-turn-server", url):
                raise ConfigError(f"invalid TURN URL {url!r} (turn(s)://user:pass@host:port)")

    def start(self):
        bus = self.pipeline.get_bus()
        bus.add_signal_watch()
        bus.connect("message", self._on_message)
        GLib.unix_signal_add(GLib.PRIORITY_HIGH, signal.SIGTERM, self._on_signal, "SIGTERM")
        GLib.unix_signal_add(GLib.PRIORITY_HIGH, signal.SIGINT, self._on_signal, "SIGINT")
        if self.pipeline.set_state(Gst.State.PLAYING) == Gst.StateChangeReturn.FAILURE:
            msg = bus.timed_pop_filtered(0, Gst.MessageType.ERROR)  # the loop is not running yet
            err, debug = msg.parse_error() if msg else (None, None)
            emit({"type": "error", "code": "media", "element": msg.src.get_name() if msg and msg.src else None,
                  "message": err.message if err else "the media pipeline could not start", "debug": debug})
            self.pipeline.set_state(Gst.State.NULL)
            return EXIT_FAILED
        if self.cfg["loop"]:
            self._arm_loop()
        GLib.timeout_add(self.cfg["statsIntervalMs"], self._stats_tick)
        GLib.timeout_add(1000, self._check_idle)
        self.stdin.watch(self._on_command, self._on_invalid, lambda: self.stop("stdin-eof"))
        self.loop.run()
        return self.exit_code

    # -- looping a file: a flushing segment seek once data flows (decodebin's pads exist by then),
    # then a non-flushing one at each SEGMENT_DONE, which keeps running time (RTP timestamps)
    # going forward. Sent upstream from the video tee: a pipeline without sinks takes no seek.

    def _arm_loop(self):
        pad = self.tees["video"].get_static_pad("sink")

        def first_buffer(_pad, _info):
            GLib.idle_add(self._loop_seek, Gst.SeekFlags.FLUSH)
            return Gst.PadProbeReturn.REMOVE

        pad.add_probe(Gst.PadProbeType.BUFFER | Gst.PadProbeType.BUFFER_LIST, first_buffer)

    def _loop_seek(self, flags):
        if self.stopping:
            return False
        seek = Gst.Event.new_seek(1.0, Gst.Format.TIME, flags | Gst.SeekFlags.SEGMENT,
                                  Gst.SeekType.SET, 0, Gst.SeekType.NONE, -1)
        if not self.tees["video"].get_static_pad("sink").push_event(seek):
            self._fatal("--loop: the input cannot seek back to its start", code="loop-failed")
        return False

    def _on_signal(self, name):
        self.stop(name)
        return GLib.SOURCE_REMOVE

    # -- commands

    def _on_invalid(self, line):
        if not self.stopping:
            emit({"type": "warning", "message": f"ignored a line that is not a command: {line[:120]}"})

    def _on_command(self, msg):
        if self.stopping:
            return
        cmd = msg["cmd"]
        if cmd == "add-peer":
            self.add_peer(msg.get("id"), msg.get("offer"), msg.get("media"))
        elif cmd == "remove-peer":
            if msg.get("id") in self.peers:
                self.remove_peer(msg["id"], "requested")
            else:
                emit({"type": "peer-error", "id": msg.get("id"), "code": "unknown-peer", "message": "no such peer"})
        elif cmd == "keyframe":
            self.request_keyframe()
        elif cmd == "stats":
            self._stats_tick()
        elif cmd == "graph":
            self._send_graph(0)
        elif cmd == "stop":
            self.stop("requested")
        else:
            emit({"type": "warning", "message": f"unknown command {cmd!r}"})

    def _send_graph(self, waited):
        """The shared media pipeline as GStreamer draws it (what GST_DEBUG_DUMP_DOT_DIR would hold), once
        the encode has caps: they label the links."""
        if self.stopping:
            return False
        if self.tees["video"].get_static_pad("sink").get_current_caps() is None and waited < GRAPH_CAPS_WAIT_MS:
            GLib.timeout_add(50, self._send_graph, waited + 50)
            return False
        emit({"type": "graph", "dot": Gst.debug_bin_to_dot_data(self.pipeline, Gst.DebugGraphDetails.ALL)})
        return False

    def stop(self, reason="requested"):
        if self.stopping:
            return False
        self.stopping = True
        for pid in list(self.peers):
            self.remove_peer(pid, "stopped")
        self.pipeline.set_state(Gst.State.NULL)
        emit({"type": "stopped", "reason": reason})
        self.loop.quit()
        return False

    def _fatal(self, message, **extra):
        emit({"type": "error", "message": message, **extra})
        self.exit_code = EXIT_FAILED
        self.stop("error")

    # -- peers: offer -> branches -> caps -> answer -> ICE gathering -> answer event

    # The offer was checked and its payload types chosen by lydlr-gst; GstSdp still has to take it.
    def add_peer(self, pid, offer, media):
        problem = None
        if not isinstance(pid, str) or not pid:
            problem = "add-peer needs a non-empty string id"
        elif pid in self.peers:
            problem = "a peer with this id exists"
        elif not isinstance(offer, str) or not isinstance(media, list) or not media:
            problem = "add-peer needs an offer and the media to send"
        if problem:
            emit({"type": "peer-error", "id": pid, "code": "request", "message": problem})
            return
        res, sdp = GstSdp.SDPMessage.new_from_text(offer)
        if res != GstSdp.SDPResult.OK:
            emit({"type": "peer-error", "id": pid, "code": "offer",
                  "message": f"the SDP parser refused the offer ({res.value_nick})"})
            return
        self.serial += 1
        webrtc = Gst.ElementFactory.make("webrtcbin", f"peer{self.serial}")
        peer = Peer(pid, webrtc)
        peer.media = media
        self.peers[pid] = peer
        webrtc.set_property("bundle-policy", GstWebRTC.WebRTCBundlePolicy.MAX_BUNDLE)
        if self.cfg["stun"]:
            webrtc.set_property("stun-server", self.cfg["stun"][0])  # webrtcbin takes one STUN server
        for url in self.cfg["turn"]:
            webrtc.emit("add-turn-server", url)
        agent = nice_agent(webrtc)
        if agent is not None:
            agent.set_property("upnp", False)  # no UPnP IGD probing on every gathering
            agent.set_property("keepalive-conncheck", True)  # a vanished viewer turns ICE failed (~50 s)
        if self.cfg["icePorts"]:
            ice = webrtc.get_property("ice-agent")
            ice.set_property("max-rtp-port", self.cfg["icePorts"]["max"])
            ice.set_property("min-rtp-port", self.cfg["icePorts"]["min"])
        for sig, fn in (("notify::connection-state", self._on_connection_state),
                        ("notify::ice-connection-state", self._on_ice_state),
                        ("notify::ice-gathering-state", self._on_gathering_state)):
            peer.handlers.append((webrtc, webrtc.connect(sig, self._to_main(fn, peer))))
        self.pipeline.add(webrtc)
        webrtc.sync_state_with_parent()
        desc = GstWebRTC.WebRTCSessionDescription.new(GstWebRTC.WebRTCSDPType.OFFER, sdp)
        webrtc.emit("set-remote-description", desc,
                    self._promise(peer, self._on_remote_set))
        peer.timers["caps"] = GLib.timeout_add(self.cfg["capsTimeoutMs"] + 2000, self._offer_timeout, peer)

    # Signal handlers run on streaming threads; every state change happens on the main loop.
    def _to_main(self, fn, peer):
        def handler(*_args):
            GLib.idle_add(lambda: fn(peer) and False)
        return handler

    # A promise whose reply continues on the main loop; kept so teardown can interrupt it
    # (webrtcbin going to NULL otherwise frees it pending, with a GStreamer warning).
    def _promise(self, peer, fn):
        return self._tracked_promise(peer, lambda promise: GLib.idle_add(lambda: fn(peer, promise) and False))

    @staticmethod
    def _tracked_promise(peer, on_reply):
        done = [False]  # the closure holds only this flag, so no cycle through the C promise

        def changed(promise, *_args):
            done[0] = True
            on_reply(promise)

        promise = Gst.Promise.new_with_change_func(changed)
        peer.promises = [(p, d) for p, d in peer.promises if not d[0]] + [(promise, done)]
        return promise

    def _alive(self, peer):
        return not peer.closing and self.peers.get(peer.id) is peer

    # code "offer": the viewer's offer is at fault (HTTP 400); "failed": ours (HTTP 500).
    def _peer_failed(self, peer, message, code="failed"):
        if not self._alive(peer):
            return
        if peer.stage == "answered":
            self.remove_peer(peer.id, "error", message)
        else:
            self._teardown(peer)
            emit({"type": "peer-error", "id": peer.id, "code": code, "message": message})

    @staticmethod
    def _cancel(peer, name):
        source = peer.timers.pop(name, None)
        if source is not None and GLib.main_context_default().find_source_by_id(source):
            GLib.source_remove(source)

    def _offer_timeout(self, peer):
        peer.timers.pop("caps", None)
        if self._alive(peer) and peer.stage in ("offer", "caps"):
            self._peer_failed(peer, f"media caps did not reach webrtcbin within {self.cfg['capsTimeoutMs']} ms")
        return False

    @staticmethod
    def _promise_error(promise):
        if promise.wait() != Gst.PromiseResult.REPLIED:
            return "interrupted"
        reply = promise.get_reply()
        if reply is not None and reply.has_field("error"):
            err = reply.get_value("error")
            return getattr(err, "message", None) or str(err)
        return None

    def _on_remote_set(self, peer, promise):
        if not self._alive(peer):
            return
        error = self._promise_error(promise)
        if error:
            self._peer_failed(peer, f"webrtcbin refused the offer: {error}", "offer")
            return
        try:
            for m in peer.media:
                self._add_branch(peer, m["kind"], m["mline"], m["pt"])
        except RuntimeError as exc:
            self._peer_failed(peer, str(exc))
            return
        peer.stage = "caps"
        self._check_caps(peer)

    def _add_branch(self, peer, kind, mline, pt):
        webrtc = peer.webrtc
        queue = Gst.ElementFactory.make("queue", None)
        queue.set_property("leaky", 2)  # downstream: drop the oldest
        queue.set_property("max-size-buffers", self.cfg[f"{kind}QueueBuffers"])
        queue.set_property("max-size-bytes", 0)
        queue.set_property("max-size-time", 0)
        try:
            pay = Gst.parse_bin_from_description(self.cfg[kind]["payloader"], True)
        except GLib.Error as exc:
            raise RuntimeError(f"{kind} payloader: {exc.message}") from None
        payloaders = [e for e in self._elements(pay) if e.find_property("pt") is not None]
        if not payloaders:
            raise RuntimeError(f"{kind} payloader description has no element with a pt property")
        payloaders[0].set_property("pt", pt)
        # 1.22 makes no transceivers for a remote offer; the pad named after the m-line index
        # creates one that create-answer pairs with that m-line (sendrecv ∩ recvonly = sendonly).
        sinkpad = webrtc.request_pad(webrtc.get_pad_template("sink_%u"), f"sink_{mline}", None)
        if sinkpad is None:
            raise RuntimeError(f"webrtcbin gave no sink pad for m-line {mline}")
        trans = sinkpad.get_property("transceiver") if sinkpad.find_property("transceiver") else None
        if trans is not None:
            trans.set_property("direction", GstWebRTC.WebRTCRTPTransceiverDirection.SENDONLY)
            if kind == "video" and trans.find_property("do-nack"):
                trans.set_property("do-nack", True)  # answer the browser's NACKs with RTX
        branch = Branch(kind, queue, pay, sinkpad)
        peer.branches.append(branch)
        self.pipeline.add(queue)
        self.pipeline.add(pay)
        if not queue.link(pay) or pay.get_static_pad("src").link(sinkpad) != Gst.PadLinkReturn.OK:
            raise RuntimeError(f"could not link the {kind} payloader to webrtcbin")
        peer.handlers.append((sinkpad, sinkpad.connect("notify::caps", self._to_main(self._check_caps, peer))))
        # Until the viewer is connected its data is dropped here, so no stale frames pile up.
        branch.gate_probe = queue.get_static_pad("src").add_probe(
            Gst.PadProbeType.BUFFER | Gst.PadProbeType.BUFFER_LIST, lambda *_: Gst.PadProbeReturn.DROP)
        if kind == "video":
            branch.fku_probe = queue.get_static_pad("sink").add_probe(
                Gst.PadProbeType.EVENT_UPSTREAM, self._throttle_keyframes)
        pay.sync_state_with_parent()
        queue.sync_state_with_parent()
        branch.tee = self.tees[kind]
        branch.tee_pad = branch.tee.request_pad_simple("src_%u")
        if branch.tee_pad.link(queue.get_static_pad("sink")) != Gst.PadLinkReturn.OK:
            raise RuntimeError(f"could not link the {kind} tee")

    @staticmethod
    def _elements(bin_):
        out, it = [], bin_.iterate_recurse()
        while True:
            res, el = it.next()
            if res != Gst.IteratorResult.OK:
                return out
            out.append(el)

    # Known 1.22 pitfall: an answer made before caps reach the sink pads lacks a=ssrc and
    # about one session in three never sends RTP. So the answer waits for caps on every pad.
    def _check_caps(self, peer):
        if not self._alive(peer) or peer.stage != "caps":
            return
        if not all(b.sinkpad.get_current_caps() is not None for b in peer.branches):
            return
        peer.stage = "answer"
        peer.ms["caps"] = round((time.monotonic() - peer.created) * 1000)
        self._cancel(peer, "caps")
        peer.webrtc.emit("create-answer", None,
                         self._promise(peer, self._on_answer))

    def _on_answer(self, peer, promise):
        if not self._alive(peer):
            return
        error = self._promise_error(promise)
        reply = promise.get_reply()
        answer = reply.get_value("answer") if reply is not None and reply.has_field("answer") else None
        if error or answer is None:
            self._peer_failed(peer, f"webrtcbin could not answer the offer: {error or 'no answer'}")
            return
        peer.stage = "gather"
        peer.webrtc.emit("set-local-description", answer,
                         self._promise(peer, self._on_local_set))

    def _on_local_set(self, peer, promise):
        if not self._alive(peer):
            return
        error = self._promise_error(promise)
        if error:
            self._peer_failed(peer, f"webrtcbin refused its own answer: {error}")
            return
        peer.ms["localSet"] = round((time.monotonic() - peer.created) * 1000)
        peer.timers["gather"] = GLib.timeout_add(self.cfg["gatherTimeoutMs"], self._send_answer, peer)
        self._on_gathering_state(peer)

    def _on_gathering_state(self, peer):
        if self._alive(peer) and peer.stage == "gather" and \
                peer.webrtc.get_property("ice-gathering-state") == GstWebRTC.WebRTCICEGatheringState.COMPLETE:
            self._send_answer(peer)

    # Non-trickle: the answer carries every candidate gathered so far.
    def _send_answer(self, peer):
        if not self._alive(peer) or peer.stage != "gather":
            return False
        self._cancel(peer, "gather")
        desc = peer.webrtc.get_property("local-description")
        sdp = desc.sdp.as_text()
        peer.stage = "answered"
        peer.ms["answer"] = round((time.monotonic() - peer.created) * 1000)
        self._watch_incoming(peer)
        peer.timers["connect"] = GLib.timeout_add(self.cfg["connectTimeoutMs"], self._connect_timeout, peer)
        emit({"type": "answer", "id": peer.id, "sdp": sdp, "ms": peer.ms})
        return False

    def _connect_timeout(self, peer):
        peer.timers.pop("connect", None)
        if self._alive(peer) and not peer.connected:
            self.remove_peer(peer.id, "connect-timeout")
        return False

    # -- connection state, reaping

    def _on_ice_state(self, peer):
        if not self._alive(peer):
            return
        state = enum_nick(peer.webrtc.get_property("ice-connection-state"))
        if state != peer.ice_state:
            peer.ice_state = state
            emit({"type": "ice-state", "id": peer.id, "state": state})

    def _on_connection_state(self, peer):
        if not self._alive(peer):
            return
        state = enum_nick(peer.webrtc.get_property("connection-state"))
        if state == peer.connection_state:
            return
        peer.connection_state = state
        emit({"type": "connection-state", "id": peer.id, "state": state})
        if state == "connected":
            self._cancel(peer, "reap")
            self._cancel(peer, "connect")
            if not peer.connected:
                peer.connected = True
                self._open_gates(peer)
                peer.last_rx = time.monotonic()
                if self.cfg["keyframeOnConnect"]:
                    self.request_keyframe()  # the new viewer can decode right away
        elif state in ("failed", "disconnected", "closed") and "reap" not in peer.timers:
            peer.timers["reap"] = GLib.timeout_add(self.cfg["reapAfterMs"], self._reap, peer, state)

    def _reap(self, peer, state):
        peer.timers.pop("reap", None)
        if self._alive(peer) and peer.connection_state != "connected":
            self.remove_peer(peer.id, f"connection-{state}")
        return False

    # webrtcbin never notices a viewer that vanished (tab killed, network gone) before ICE
    # keepalives fail (~50 s). Browsers send RTCP every second or faster: silence means gone.
    def _watch_incoming(self, peer):
        for el in self._elements(peer.webrtc):
            factory = el.get_factory()
            if factory is not None and factory.get_name() == "nicesrc":
                pad = el.get_static_pad("src")

                def seen(_pad, _info, p=peer):
                    p.last_rx = time.monotonic()
                    return Gst.PadProbeReturn.OK

                peer.rx_probe = (pad, pad.add_probe(Gst.PadProbeType.BUFFER | Gst.PadProbeType.BUFFER_LIST, seen))
                return

    def _check_idle(self):
        now = time.monotonic()
        for peer in list(self.peers.values()):
            if peer.connected and peer.rx_probe and (now - peer.last_rx) * 1000 > self.cfg["idleTimeoutMs"]:
                self.remove_peer(peer.id, "idle", f"nothing came from the viewer for {self.cfg['idleTimeoutMs']} ms")
        return not self.stopping

    def _open_gates(self, peer):
        for b in peer.branches:
            if b.gate_probe is not None:
                b.queue.get_static_pad("src").remove_probe(b.gate_probe)
                b.gate_probe = None

    # -- keyframes

    def _throttle_keyframes(self, _pad, info):
        event = info.get_event()
        if event is None or not GstVideo.video_event_is_force_key_unit(event):
            return Gst.PadProbeReturn.OK
        now = time.monotonic()
        with self.kf_lock:
            if (now - self.last_keyframe) * 1000 < self.cfg["keyframeMinIntervalMs"]:
                return Gst.PadProbeReturn.DROP
            self.last_keyframe = now
        return Gst.PadProbeReturn.OK

    def request_keyframe(self):
        with self.kf_lock:
            self.last_keyframe = time.monotonic()
        event = GstVideo.video_event_new_upstream_force_key_unit(Gst.CLOCK_TIME_NONE, True, 0)
        self.tees["video"].get_static_pad("sink").push_event(event)

    # -- teardown

    def remove_peer(self, pid, reason, message=None):
        peer = self.peers.get(pid)
        if peer is None or peer.closing:
            return
        self._teardown(peer)
        event = {"type": "peer-removed", "id": pid, "reason": reason}
        if message:
            event["message"] = message
        emit(event)

    def _teardown(self, peer):
        peer.closing = True
        self.peers.pop(peer.id, None)
        for name in list(peer.timers):
            self._cancel(peer, name)
        for obj, hid in peer.handlers:
            obj.disconnect(hid)
        peer.handlers.clear()
        if peer.rx_probe:
            peer.rx_probe[0].remove_probe(peer.rx_probe[1])
            peer.rx_probe = None
        for promise, done in peer.promises:
            if not done[0]:
                promise.interrupt()
        peer.promises.clear()
        for b in peer.branches:  # stop the data first: unlink and release the tee pads
            if b.tee_pad is not None:
                b.tee_pad.unlink(b.queue.get_static_pad("sink"))
                b.tee.release_request_pad(b.tee_pad)
                b.tee_pad = None
        for b in peer.branches:
            for pad_name, probe in (("src", b.gate_probe), ("sink", b.fku_probe)):
                if probe is not None:
                    b.queue.get_static_pad(pad_name).remove_probe(probe)
            b.queue.set_state(Gst.State.NULL)
            b.pay.set_state(Gst.State.NULL)
        peer.webrtc.set_state(Gst.State.NULL)
        for b in peer.branches:
            self.pipeline.remove(b.queue)
            self.pipeline.remove(b.pay)
        for b in peer.branches:
            peer.webrtc.release_request_pad(b.sinkpad)
        self.pipeline.remove(peer.webrtc)
        peer.branches.clear()
        peer.webrtc = None

    # -- bus

    def _owner(self, src):
        for peer in self.peers.values():
            if src is peer.webrtc or (isinstance(src, Gst.Object) and src.has_as_ancestor(peer.webrtc)):
                return peer
            for b in peer.branches:
                if src is b.queue or src is b.pay or (isinstance(src, Gst.Object) and src.has_as_ancestor(b.pay)):
                    return peer
        return None

    def _on_message(self, _bus, msg):
        t = msg.type
        if t == Gst.MessageType.ERROR:
            err, debug = msg.parse_error()
            peer = self._owner(msg.src)
            if peer is not None:
                self._peer_failed(peer, err.message)
            elif not self.stopping:
                self._fatal(err.message, element=msg.src.get_name() if msg.src else None, debug=debug)
        elif t == Gst.MessageType.WARNING:
            err, debug = msg.parse_warning()
            peer = self._owner(msg.src)
            emit({"type": "warning", "message": err.message, "id": peer.id if peer else None,
                  "element": msg.src.get_name() if msg.src else None})
        elif t == Gst.MessageType.EOS:
            self._on_eos()
        elif t == Gst.MessageType.SEGMENT_DONE and self.cfg["loop"]:
            self._loop_seek(Gst.SeekFlags.NONE)
        elif t == Gst.MessageType.STATE_CHANGED and msg.src is self.pipeline and not self.ready:
            _old, new, _pending = msg.parse_state_changed()
            if new == Gst.State.PLAYING:
                self.ready = True
                rss, fds = process_numbers()
                emit({"type": "ready", "audio": bool(self.cfg["audio"]),
                      "elements": count_elements(self.pipeline), "rssBytes": rss, "fds": fds})
        return True

    # -- stats

    def _stats_tick(self):
        if self.stopping:
            return False
        peers = [p for p in self.peers.values() if p.stage == "answered"]
        token = object()
        self.stats_round = {"token": token, "waiting": {p.id for p in peers}, "rows": {}}
        for p in peers:
            promise = self._tracked_promise(p, lambda pr, pid=p.id: self._on_stats(pr, token, pid))
            p.webrtc.emit("get-stats", None, promise)
        if peers:
            GLib.timeout_add(1000, self._emit_stats, token)
        else:
            self._emit_stats(token)
        return True

    def _on_stats(self, promise, token, pid):
        # Runs on webrtcbin's thread: read the reply here, hand plain rows to the main loop.
        rows = stats_rows(promise.get_reply()) if promise.wait() == Gst.PromiseResult.REPLIED else None
        GLib.idle_add(self._stats_rows, token, pid, rows)

    def _stats_rows(self, token, pid, rows):
        rnd = self.stats_round
        if rnd is None or rnd["token"] is not token:
            return False
        rnd["rows"][pid] = rows
        rnd["waiting"].discard(pid)
        if not rnd["waiting"]:
            self._emit_stats(token)
        return False

    def _emit_stats(self, token):
        rnd = self.stats_round
        if rnd is None or rnd["token"] is not token:
            return False
        self.stats_round = None
        rss, fds = process_numbers()
        peers = [{"id": pid, "state": peer.connection_state, "rows": rnd["rows"].get(pid)}
                 for pid, peer in self.peers.items()]
        emit({"type": "stats", "elements": count_elements(self.pipeline), "rssBytes": rss, "fds": fds,
              "framesEncoded": self.frames, "peers": peers})
        return False


def main():
    Gst.init(None)
    stdin = Stdin()
    cfg = stdin.read_config("config", "the JSON config")
    missing = [key for key in CONFIG_KEYS if key not in cfg]
    if missing:
        fail("config", f"the config lacks {', '.join(missing)}", EXIT_USAGE)
    try:
        host = Host(cfg, stdin)
    except ConfigError as exc:
        fail(exc.code, str(exc), exc.exit_code)
    return host.start()


if __name__ == "__main__":
    sys.exit(main())
