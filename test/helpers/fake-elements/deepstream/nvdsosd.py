# Fake nvdsosd: NVMM NV12/RGBA through, nothing drawn.
from lydlr_fakebin import Gst, PassThrough, boolean, filter_templates, gproperties, uint
from nvds_caps import NV12_RGBA

PROPS = {
    "gpu-id": uint(0, 0, 63), "process-mode": uint(1, 0, 2), "display-text": boolean(True), "display-bbox": boolean(True),
    "display-clock": boolean(), "display-mask": boolean(), "clock-font-size": uint(0, 0, 60),
}


class FakeNvDsOsd(PassThrough):
    __gstmetadata__ = ("NvDsOsd plugin", "NvDsOsd Plugin", "Fake nvdsosd: passes frames through", "lydlr-gst tests")
    __gsttemplates__ = filter_templates(NV12_RGBA)
    __gproperties__ = gproperties(PROPS)
    PROPS = PROPS


__gstelementfactory__ = ("nvdsosd", Gst.Rank.PRIMARY, FakeNvDsOsd)
