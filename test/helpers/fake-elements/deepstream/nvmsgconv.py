# Fake nvmsgconv: ANY through (the real one only adds payload meta); refuses to start when config cannot be read.
from lydlr_fakebin import FakeBin, Gst, boolean, check_files_on_ready, gproperties, make, string, template, uint

PROPS = {
    "config": string(), "msg2p-lib": string(), "payload-type": uint(0, 0, 257), "comp-id": uint(0),
    "debug-payload-dir": string(), "multiple-payloads": boolean(), "msg2p-newapi": boolean(), "frame-interval": uint(30, 1),
}


class FakeNvMsgConv(FakeBin):
    __gstmetadata__ = ("Message Converter", "Filter/Metadata", "Fake nvmsgconv: passes buffers through", "lydlr-gst tests")
    __gsttemplates__ = (
        template("sink", Gst.PadDirection.SINK, Gst.PadPresence.ALWAYS, "ANY"),
        template("src", Gst.PadDirection.SRC, Gst.PadPresence.ALWAYS, "ANY"),
    )
    __gproperties__ = gproperties(PROPS)
    PROPS = PROPS

    def __init__(self):
        super().__init__()
        self.chain(make("identity"))

    def do_change_state(self, transition):
        if not check_files_on_ready(self, transition, ["config"]):
            return Gst.StateChangeReturn.FAILURE
        return Gst.Bin.do_change_state(self, transition)


__gstelementfactory__ = ("nvmsgconv", Gst.Rank.PRIMARY, FakeNvMsgConv)
