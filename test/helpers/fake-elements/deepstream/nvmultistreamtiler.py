# Fake nvmultistreamtiler: NVMM in and out, scaled to width×height (no tiling: the fake mux already
# composited the inputs).
from lydlr_fakebin import NvmmBridge, FakeBin, Gst, gproperties, int_, make, filter_templates, uint
from nvds_caps import nvmm

CAPS = nvmm(["NV12", "RGBA", "I420"])
PROPS = {
    "rows": uint(1, 1, 1024), "columns": uint(1, 1, 1024), "width": uint(1280, 16), "height": uint(720, 16),
    "gpu-id": uint(0, 0, 63), "show-source": int_(-1, -1), "nvbuf-memory-type": uint(0, 0, 4), "compute-hw": uint(0, 0, 2),
}


class FakeNvMultiStreamTiler(FakeBin):
    __gstmetadata__ = ("Stream Tiler DS 4.0", "Generic", "Fake nvmultistreamtiler: scales", "lydlr-gst tests")
    __gsttemplates__ = filter_templates(CAPS)
    __gproperties__ = gproperties(PROPS)
    PROPS = PROPS

    def __init__(self):
        super().__init__()
        self.size = make("capsfilter")
        self.chain(NvmmBridge(), make("videoscale"), self.size, NvmmBridge())
        self.apply("width", 1280)

    def apply(self, name, value):
        if name in ("width", "height"):
            self.size.set_property("caps", Gst.Caps.from_string(f"video/x-raw,width={self.values['width']},height={self.values['height']}"))


__gstelementfactory__ = ("nvmultistreamtiler", Gst.Rank.PRIMARY, FakeNvMultiStreamTiler)
