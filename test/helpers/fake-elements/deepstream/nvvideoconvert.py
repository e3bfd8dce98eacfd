# Fake nvvideoconvert: NVMM or system memory in, NVMM or system memory out, converting and scaling
# with videoconvert/videoscale.
from lydlr_fakebin import NvmmBridge, FakeBin, Gst, gproperties, make, string, filter_templates, uint
from nvds_caps import CONVERT_FORMATS, nvmm, system

CAPS = f"{nvmm(CONVERT_FORMATS)}; {system(CONVERT_FORMATS)}"
PROPS = {
    "gpu-id": uint(0, 0, 63), "src-crop": string(), "dest-crop": string(), "interpolation-method": uint(0, 0, 6),
    "nvbuf-memory-type": uint(0, 0, 4), "compute-hw": uint(0, 0, 2), "flip-method": uint(0, 0, 7), "output-buffers": uint(4, 1),
}


class FakeNvVideoConvert(FakeBin):
    __gstmetadata__ = ("NvVidConv Plugin", "Filter/Converter/Video/Scaler", "Fake nvvideoconvert", "lydlr-gst tests")
    __gsttemplates__ = filter_templates(CAPS)
    __gproperties__ = gproperties(PROPS)
    PROPS = PROPS

    def __init__(self):
        super().__init__()
        self.chain(NvmmBridge(), make("videoconvert"), make("videoscale"), NvmmBridge())


__gstelementfactory__ = ("nvvideoconvert", Gst.Rank.PRIMARY, FakeNvVideoConvert)
