# Fake nvmsgbroker: a sink (ANY) that sends nothing; refuses to start without proto-lib, as the real one.
from lydlr_fakebin import FakeBin, Gst, boolean, gproperties, make, string, template, uint

PROPS = {
    "proto-lib": string(), "conn-str": string(), "config": string(), "topic": string(), "comp-id": uint(0),
    "new-api": boolean(), "sleep-time": uint(2), "sync": boolean(True), "async": boolean(True),
}


class FakeNvMsgBroker(FakeBin):
    __gstmetadata__ = ("Message Broker", "Sink/Metadata", "Fake nvmsgbroker: sends nothing", "lydlr-gst tests")
    __gsttemplates__ = (template("sink", Gst.PadDirection.SINK, Gst.PadPresence.ALWAYS, "ANY"),)
    __gproperties__ = gproperties(PROPS)
    PROPS = PROPS

    def __init__(self):
        super().__init__()
        self.sink = make("fakesink")
        self.chain(self.sink)

    def apply(self, name, value):
        if name in ("sync", "async"):
            self.sink.set_property(name, value)

    def do_change_state(self, transition):
        if transition == Gst.StateChange.NULL_TO_READY and not self.values["proto-lib"]:
            self.fail("nvmsgbroker: proto-lib is not set")
            return Gst.StateChangeReturn.FAILURE
        return Gst.Bin.do_change_state(self, transition)


__gstelementfactory__ = ("nvmsgbroker", Gst.Rank.PRIMARY, FakeNvMsgBroker)
