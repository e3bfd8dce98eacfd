# Fake nvstreammux: request pads sink_%u, one src, NVMM in and out. It does not batch: the inputs are
# scaled to width×height and composited into one frame (the last input on top).
from lydlr_fakebin import NvmmBridge, FakeBin, Gst, boolean, gproperties, int_, make, string, template, uint
from nvds_caps import nvmm

CAPS = nvmm(["NV12", "RGBA", "I420"])
PROPS = {
    "batch-size": uint(1, 0, 1024), "width": uint(0), "height": uint(0), "batched-push-timeout": int_(-1, -1),
    "live-source": boolean(), "enable-padding": boolean(), "gpu-id": uint(0, 0, 63), "num-surfaces-per-frame": uint(1, 1, 4),
    "nvbuf-memory-type": uint(0, 0, 4), "config-file-path": string(), "sync-inputs": boolean(), "attach-sys-ts": boolean(True),
    "frame-num-reset-on-eos": boolean(), "drop-pipeline-eos": boolean(),
}


class FakeNvStreamMux(FakeBin):
    __gstmetadata__ = ("Stream multiplexer", "Generic", "Fake nvstreammux: composites the inputs", "lydlr-gst tests")
    __gsttemplates__ = (
        template("sink_%u", Gst.PadDirection.SINK, Gst.PadPresence.REQUEST, CAPS),
        template("src", Gst.PadDirection.SRC, Gst.PadPresence.ALWAYS, CAPS),
    )
    __gproperties__ = gproperties(PROPS)
    PROPS = PROPS

    def __init__(self):
        super().__init__()
        self.mixer = make("compositor")
        self.size = make("capsfilter")
        self.chain(self.mixer, make("videoconvert"), make("videoscale"), self.size, NvmmBridge())

    def apply(self, name, value):
        if name in ("width", "height") and self.values["width"] and self.values["height"]:
            self.size.set_property("caps", Gst.Caps.from_string(f"video/x-raw,width={self.values['width']},height={self.values['height']}"))

    def do_request_new_pad(self, templ, name, caps):
        if name is None or self.get_static_pad(name) is not None:
            return None
        entry = make("capsfilter", caps=templ.get_caps())
        bridge = NvmmBridge()
        for element in (entry, bridge):
            self.add(element)
        mixer_pad = self.mixer.request_pad_simple("sink_%u")
        if self.values["width"] and self.values["height"]:
            mixer_pad.set_property("width", self.values["width"])
            mixer_pad.set_property("height", self.values["height"])
        entry.link(bridge)
        bridge.get_static_pad("src").link(mixer_pad)
        for element in (entry, bridge):
            element.sync_state_with_parent()
        pad = Gst.GhostPad.new_from_template(name, entry.get_static_pad("sink"), templ)
        pad.set_active(True)
        self.add_pad(pad)
        return pad


__gstelementfactory__ = ("nvstreammux", Gst.Rank.PRIMARY, FakeNvStreamMux)
