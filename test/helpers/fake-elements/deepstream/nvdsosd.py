# Fake nvdsosd: NVMM NV12/RGBA through, nothing drawn.
from lydlr_fakebin import FakeBin, Gst, boolean, gproperties, make, template, uint
from nvds_caps import NV12_RGBA

PROPS = {
    "gpu-id": uint(0, 0, 63), "process-mode": uint(1, 0, 2), "display-text": boolean(True), "display-bbox": boolean(True),
    "display-clock": boolean(), "display-mask": boolean(), "clock-font-size": uint(0, 0, 60),
}


class FakeNvDsOsd(FakeBin):
    __gstmetadata__ = ("NvDsOsd plugin", "NvDsOsd Plugin", "Fake nvdsosd: passes frames through", "lydlr-gst tests")
    __gsttemplates__ = (
        template("sink", Gst.PadDirection.SINK, Gst.PadPresence.ALWAYS, NV12_RGBA),
        template("src", Gst.PadDirection.SRC, Gst.PadPresence.ALWAYS, NV12_RGBA),
    )
    __gproperties__ = gproperties(PROPS)
    PROPS = PROPS

    def __init__(self):
        super().__init__()
        self.chain(make("identity"))


__gstelementfactory__ = ("nvdsosd", Gst.Rank.PRIMARY, FakeNvDsOsd)
