# Fake nvv4l2h264enc: NVMM raw in, byte-stream/au H.264 out, encoded by x264enc; bitrate is in bit/s
# and iframeinterval is the GOP, as on the real encoder.
from lydlr_fakebin import NvmmBridge, FakeBin, Gst, boolean, gproperties, make, template, uint
from nvds_caps import nvmm

PROPS = {
    "bitrate": uint(4000000), "iframeinterval": uint(30), "idrinterval": uint(256), "control-rate": uint(1, 0, 2),
    "profile": uint(0, 0, 4), "preset-level": uint(1, 0, 4), "insert-sps-pps": boolean(), "gpu-id": uint(0, 0, 63),
    "maxperf-enable": boolean(),
}


class FakeNvV4l2H264Enc(FakeBin):
    __gstmetadata__ = ("V4L2 H.264 Encoder", "Codec/Encoder/Video", "Fake nvv4l2h264enc (x264enc inside)", "lydlr-gst tests")
    __gsttemplates__ = (
        template("sink", Gst.PadDirection.SINK, Gst.PadPresence.ALWAYS, nvmm(["I420", "NV12", "P010_10LE", "NV24"])),
        template("src", Gst.PadDirection.SRC, Gst.PadPresence.ALWAYS, "video/x-h264, stream-format=(string)byte-stream, alignment=(string)au"),
    )
    __gproperties__ = gproperties(PROPS)
    PROPS = PROPS

    def __init__(self):
        super().__init__()
        self.encoder = make("x264enc", **{"speed-preset": 1, "key-int-max": 30})
        self.chain(NvmmBridge(), make("videoconvert"), self.encoder)
        self.apply("bitrate", PROPS["bitrate"][1])

    def apply(self, name, value):
        if name == "bitrate":
            self.encoder.set_property("bitrate", max(1, value // 1000))
        elif name == "iframeinterval":
            self.encoder.set_property("key-int-max", value)


__gstelementfactory__ = ("nvv4l2h264enc", Gst.Rank.PRIMARY + 1, FakeNvV4l2H264Enc)
