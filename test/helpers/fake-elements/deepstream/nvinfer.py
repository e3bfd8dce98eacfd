# Fake nvinfer: NVMM NV12/RGBA through, no inference; like the real one it refuses to start when
# config-file-path is unset or cannot be read.
from lydlr_fakebin import Gst, PassThrough, boolean, filter_templates, gproperties, int_, string, uint
from nvds_caps import NV12_RGBA

PROPS = {
    "config-file-path": string(), "unique-id": uint(15), "process-mode": uint(1, 1, 2), "batch-size": uint(1, 1, 1024),
    "interval": uint(0), "gpu-id": uint(0, 0, 63), "infer-on-gie-id": int_(-1, -1), "model-engine-file": string(),
    "output-tensor-meta": boolean(), "raw-output-file-write": boolean(),
}


class FakeNvInfer(PassThrough):
    __gstmetadata__ = ("NvInfer plugin", "NvInfer Plugin", "Fake nvinfer: passes frames through", "lydlr-gst tests")
    __gsttemplates__ = filter_templates(NV12_RGBA)
    __gproperties__ = gproperties(PROPS)
    PROPS = PROPS
    MUST_SET = FILES = ("config-file-path",)


__gstelementfactory__ = ("nvinfer", Gst.Rank.PRIMARY, FakeNvInfer)
