# Fake nvtracker: NVMM NV12/RGBA through, no tracking; refuses to start when ll-config-file cannot be read.
from lydlr_fakebin import FakeBin, Gst, boolean, check_files_on_ready, gproperties, make, string, template, uint
from nvds_caps import NV12_RGBA

PROPS = {
    "ll-lib-file": string(), "ll-config-file": string(), "tracker-width": uint(960), "tracker-height": uint(544),
    "gpu-id": uint(0, 0, 63), "display-tracking-id": boolean(True), "compute-hw": uint(0, 0, 2), "tracking-surface-type": uint(0),
}


class FakeNvTracker(FakeBin):
    __gstmetadata__ = ("NvTracker plugin", "NvTracker Plugin", "Fake nvtracker: passes frames through", "lydlr-gst tests")
    __gsttemplates__ = (
        template("sink", Gst.PadDirection.SINK, Gst.PadPresence.ALWAYS, NV12_RGBA),
        template("src", Gst.PadDirection.SRC, Gst.PadPresence.ALWAYS, NV12_RGBA),
    )
    __gproperties__ = gproperties(PROPS)
    PROPS = PROPS

    def __init__(self):
        super().__init__()
        self.chain(make("identity"))

    def do_change_state(self, transition):
        if not check_files_on_ready(self, transition, ["ll-config-file"]):
            return Gst.StateChangeReturn.FAILURE
        return Gst.Bin.do_change_state(self, transition)


__gstelementfactory__ = ("nvtracker", Gst.Rank.PRIMARY, FakeNvTracker)
