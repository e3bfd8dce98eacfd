# Fake nvv4l2decoder: the real sink caps (byte-stream/au H.264 and H.265, JPEG, VP8/VP9…), decoded
# by decodebin, out as NVMM NV12.
from lydlr_fakebin import NvmmBridge, FakeBin, Gst, boolean, gproperties, make, template, uint
from nvds_caps import nvmm

SINK = "; ".join([
    "image/jpeg",
    "video/x-h264, stream-format=(string){ byte-stream }, alignment=(string){ au }",
    "video/x-h265, stream-format=(string){ byte-stream }, alignment=(string){ au }",
    "video/mpeg, mpegversion=(int)4, systemstream=(boolean)false, parsed=(boolean)true",
    "video/mpeg, mpegversion=(int)[ 1, 2 ], systemstream=(boolean)false, parsed=(boolean)true",
    "video/x-vp8", "video/x-vp9", "video/x-av1",
])
PROPS = {
    "gpu-id": uint(0, 0, 63), "drop-frame-interval": uint(0, 0, 30), "num-extra-surfaces": uint(1, 0, 24),
    "cudadec-memtype": uint(0, 0, 2), "skip-frames": uint(0, 0, 2), "low-latency-mode": boolean(),
}


class FakeNvV4l2Decoder(FakeBin):
    __gstmetadata__ = ("NVIDIA v4l2 video decoder", "Codec/Decoder/Video", "Fake nvv4l2decoder", "lydlr-gst tests")
    __gsttemplates__ = (
        template("sink", Gst.PadDirection.SINK, Gst.PadPresence.ALWAYS, SINK),
        template("src", Gst.PadDirection.SRC, Gst.PadPresence.ALWAYS, nvmm(["NV12", "P010_10LE"])),
    )
    __gproperties__ = gproperties(PROPS)
    PROPS = PROPS

    def __init__(self):
        super().__init__()
        decoder = make("decodebin")
        # Real decodebins autoplug nvv4l2decoder for its rank; this inner one must not pick the fake again.
        decoder.connect("autoplug-select", lambda _d, _pad, _caps, factory: 2 if factory.get_name() == "nvv4l2decoder" else 0)
        entry = make("capsfilter", caps=self.pad_caps("sink"))
        convert = make("videoconvert")
        exit_ = make("capsfilter", caps=Gst.Caps.from_string("video/x-raw,format=NV12"))
        inner = [entry, decoder, convert, exit_, NvmmBridge(), make("capsfilter", caps=self.pad_caps("src"))]
        for element in inner:
            self.add(element)
        entry.link(decoder)
        convert.link(exit_)
        exit_.link(inner[4])
        inner[4].link(inner[5])
        decoder.connect("pad-added", lambda _d, pad: pad.link(convert.get_static_pad("sink")))
        self.ghost("sink", entry.get_static_pad("sink"))
        self.ghost("src", inner[5].get_static_pad("src"))


__gstelementfactory__ = ("nvv4l2decoder", Gst.Rank.PRIMARY + 11, FakeNvV4l2Decoder)
