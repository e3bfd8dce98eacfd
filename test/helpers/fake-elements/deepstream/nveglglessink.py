# Fake nveglglessink: takes what the real one takes (NVMM or system RGBA/NV12/I420…) and shows nothing.
from lydlr_fakebin import NvmmBridge, FakeBin, Gst, boolean, gproperties, make, template, uint
from nvds_caps import nvmm, system

FORMATS = ["BGRx", "RGBA", "I420", "NV12", "BGR", "RGB"]
PROPS = {"sync": boolean(True), "async": boolean(True), "create-window": boolean(True), "window-x": uint(10), "window-y": uint(10),
         "window-width": uint(0), "window-height": uint(0), "gpu-id": uint(0, 0, 63)}


class FakeNvEglGlesSink(FakeBin):
    __gstmetadata__ = ("EGL/GLES vout Sink", "Sink/Video", "Fake nveglglessink: shows nothing", "lydlr-gst tests")
    __gsttemplates__ = (template("sink", Gst.PadDirection.SINK, Gst.PadPresence.ALWAYS, f"{nvmm(FORMATS)}; {system(FORMATS)}"),)
    __gproperties__ = gproperties(PROPS)
    PROPS = PROPS

    def __init__(self):
        super().__init__()
        self.sink = make("fakesink")
        self.chain(NvmmBridge(), self.sink)

    def apply(self, name, value):
        if name in ("sync", "async"):
            self.sink.set_property(name, value)


__gstelementfactory__ = ("nveglglessink", Gst.Rank.SECONDARY, FakeNvEglGlesSink)
