# Fake nvinfer: NVMM NV12/RGBA through, no inference; like the real one it refuses to start when
# config-file-path cannot be read.
from lydlr_fakebin import FakeBin, Gst, boolean, check_files_on_ready, gproperties, int_, make, string, template, uint
from nvds_caps import NV12_RGBA

PROPS = {
    "config-file-path": string(), "unique-id": uint(15), "process-mode": uint(1, 1, 2), "batch-size": uint(1, 1, 1024),
    "interval": uint(0), "gpu-id": uint(0, 0, 63), "infer-on-gie-id": int_(-1, -1), "model-engine-file": string(),
    "output-tensor-meta": boolean(), "raw-output-file-write": boolean(),
}


class FakeNvInfer(FakeBin):
    __gstmetadata__ = ("NvInfer plugin", "NvInfer Plugin", "Fake nvinfer: passes frames through", "lydlr-gst tests")
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
        if not self.values["config-file-path"] and transition == Gst.StateChange.NULL_TO_READY:
            self.fail("nvinfer: config-file-path is not set")
            return Gst.StateChangeReturn.FAILURE
        if not check_files_on_ready(self, transition, ["config-file-path"]):
            return Gst.StateChangeReturn.FAILURE
        return Gst.Bin.do_change_state(self, transition)


__gstelementfactory__ = ("nvinfer", Gst.Rank.PRIMARY, FakeNvInfer)
