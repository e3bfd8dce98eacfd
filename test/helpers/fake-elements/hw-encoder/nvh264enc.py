# Fake nvh264enc (NVENC, gst-plugins-bad nvcodec): its pad templates and the properties we set,
# encoding with x264enc inside. With LYDLR_FAKE_NVENC_BROKEN=1 it fails to open like an NVENC
# without a usable GPU, so the product's one-frame check must reject it.
import os

from lydlr_fakebin import FakeBin, Gst, boolean, gproperties, int_, make, template, uint

SIZE = "width=(int)[ 145, 4096 ], height=(int)[ 49, 4096 ], framerate=(fraction)[ 0/1, 2147483647/1 ]"
FORMATS = "format=(string){ NV12, YV12, I420, BGRA, RGBA, Y444, VUYA }"
SINK = "; ".join(f"video/x-raw{feature}, {FORMATS}, {SIZE}" for feature in ("", "(memory:GLMemory)", "(memory:CUDAMemory)"))
SRC = (f"video/x-h264, {SIZE}, stream-format=(string)byte-stream, alignment=(string)au, "
       "profile=(string){ main, high, high-4:4:4, baseline, constrained-baseline }")
PROPS = {
    "bitrate": uint(0, 0, 2048000), "max-bitrate": uint(0, 0, 2048000), "gop-size": int_(75, -1), "preset": uint(0, 0, 11),
    "rc-mode": uint(0, 0, 6), "cuda-device-id": uint(0), "zerolatency": boolean(), "bframes": uint(0, 0, 4), "aud": boolean(True),
}


class FakeNvH264Enc(FakeBin):
    __gstmetadata__ = ("NVENC H.264 Video Encoder", "Codec/Encoder/Video/Hardware", "Fake nvh264enc (x264enc inside)", "lydlr-gst tests")
    __gsttemplates__ = (
        template("sink", Gst.PadDirection.SINK, Gst.PadPresence.ALWAYS, SINK),
        template("src", Gst.PadDirection.SRC, Gst.PadPresence.ALWAYS, SRC),
    )
    __gproperties__ = gproperties(PROPS)
    PROPS = PROPS

    def __init__(self):
        super().__init__()
        self.encoder = make("x264enc", **{"speed-preset": 1})
        self.chain(make("videoconvert"), self.encoder)

    def apply(self, name, value):
        if name == "bitrate" and value > 0:
            self.encoder.set_property("bitrate", value)
        elif name == "gop-size" and value > 0:
            self.encoder.set_property("key-int-max", value)

    def do_change_state(self, transition):
        if transition == Gst.StateChange.NULL_TO_READY and os.environ.get("LYDLR_FAKE_NVENC_BROKEN") == "1":
            self.fail("nvh264enc: failed to open encode session (no usable NVIDIA GPU)")
            return Gst.StateChangeReturn.FAILURE
        return Gst.Bin.do_change_state(self, transition)


__gstelementfactory__ = ("nvh264enc", Gst.Rank.PRIMARY + 1, FakeNvH264Enc)
