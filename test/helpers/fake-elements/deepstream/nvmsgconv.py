# Fake nvmsgconv: ANY through (the real one only adds payload meta); refuses to start when config cannot be read.
from lydlr_fakebin import Gst, PassThrough, boolean, filter_templates, gproperties, string, uint

PROPS = {
    "config": string(), "msg2p-lib": string(), "payload-type": uint(0, 0, 257), "comp-id": uint(0),
    "debug-payload-dir": string(), "multiple-payloads": boolean(), "msg2p-newapi": boolean(), "frame-interval": uint(30, 1),
}


class FakeNvMsgConv(PassThrough):
    __gstmetadata__ = ("Message Converter", "Filter/Metadata", "Fake nvmsgconv: passes buffers through", "lydlr-gst tests")
    __gsttemplates__ = filter_templates("ANY")
    __gproperties__ = gproperties(PROPS)
    PROPS = PROPS
    FILES = ("config",)


__gstelementfactory__ = ("nvmsgconv", Gst.Rank.PRIMARY, FakeNvMsgConv)
