# Fake nvtracker: NVMM NV12/RGBA through, no tracking; refuses to start when ll-config-file cannot be read.
from lydlr_fakebin import Gst, PassThrough, boolean, filter_templates, gproperties, string, uint
from nvds_caps import NV12_RGBA

PROPS = {
    "ll-lib-file": string(), "ll-config-file": string(), "tracker-width": uint(960), "tracker-height": uint(544),
    "gpu-id": uint(0, 0, 63), "display-tracking-id": boolean(True), "compute-hw": uint(0, 0, 2), "tracking-surface-type": uint(0),
}


class FakeNvTracker(PassThrough):
    __gstmetadata__ = ("NvTracker plugin", "NvTracker Plugin", "Fake nvtracker: passes frames through", "lydlr-gst tests")
    __gsttemplates__ = filter_templates(NV12_RGBA)
    __gproperties__ = gproperties(PROPS)
    PROPS = PROPS
    FILES = ("ll-config-file",)


__gstelementfactory__ = ("nvtracker", Gst.Rank.PRIMARY, FakeNvTracker)
