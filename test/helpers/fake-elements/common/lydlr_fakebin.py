# Shared parts of the fake hardware elements (loaded by gst-python's plugin loader, which imports
# every .py in a `python/` folder on GST_PLUGIN_PATH; this module registers no element itself).
#
# A fake is a Gst.Bin with the real element's factory name, pad templates and the properties our
# pipelines set, wrapping real software elements. Frames stay in system memory inside; the NVMM
# bridge only relabels caps, so `video/x-raw(memory:NVMM)` negotiates between fakes exactly where
# the real elements would demand it, and a link the real elements refuse is refused here too.
import os

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstBase", "1.0")
from gi.repository import GObject, Gst, GstBase  # noqa: E402

Gst.init(None)

NVMM = "memory:NVMM"
ALL_RAW = "video/x-raw(ANY)"
AUTHOR = "lydlr-gst tests (fake of an NVIDIA element)"

# A property spec: (GType, default, min, max); strings and booleans need no range.
def uint(default=0, lo=0, hi=4294967295):
    return (GObject.TYPE_UINT, default, lo, hi)


def int_(default=0, lo=-2147483648, hi=2147483647):
    return (GObject.TYPE_INT, default, lo, hi)


def string(default=None):
    return (GObject.TYPE_STRING, default)


def boolean(default=False):
    return (GObject.TYPE_BOOLEAN, default)


def gproperties(specs):
    out = {}
    for name, spec in specs.items():
        gtype = spec[0]
        flags = GObject.ParamFlags.READWRITE
        if gtype in (GObject.TYPE_STRING, GObject.TYPE_BOOLEAN):
            out[name] = (gtype, name, name, spec[1], flags)
        else:
            out[name] = (gtype, name, name, spec[2], spec[3], spec[1], flags)
    return out


def template(name, direction, presence, caps):
    return Gst.PadTemplate.new(name, direction, presence, Gst.Caps.from_string(caps))


def make(factory, **props):
    element = Gst.ElementFactory.make(factory, None)
    if element is None:
        raise RuntimeError(f"the fake needs the real element {factory}")
    for key, value in props.items():
        element.set_property(key, value)
    return element


class NvmmBridge(GstBase.BaseTransform):
    """Passes buffers through unchanged; on either side offers the same caps with and without NVMM."""

    __gstmetadata__ = ("NVMM caps bridge", "Filter/Video", "Relabels system memory as NVMM and back", AUTHOR)
    __gsttemplates__ = (
        template("sink", Gst.PadDirection.SINK, Gst.PadPresence.ALWAYS, ALL_RAW),
        template("src", Gst.PadDirection.SRC, Gst.PadPresence.ALWAYS, ALL_RAW),
    )

    def __init__(self):
        super().__init__()
        self.set_passthrough(True)

    def do_transform_caps(self, direction, caps, filter_caps):
        out = Gst.Caps.new_empty()
        for i in range(caps.get_size()):
            structure = caps.get_structure(i)
            out.append_structure_full(structure.copy(), Gst.CapsFeatures.new_empty())
            out.append_structure_full(structure.copy(), Gst.CapsFeatures.from_string(NVMM))
        out = out.simplify()
        if filter_caps is not None:
            out = filter_caps.intersect_full(out, Gst.CapsIntersectMode.FIRST)
        return out


class FakeBin(Gst.Bin):
    """Subclasses set PROPS (name → spec) and call self.chain(...) in __init__."""

    PROPS = {}

    def __init__(self):
        super().__init__()
        self.values = {name: spec[1] for name, spec in self.PROPS.items()}

    def do_get_property(self, pspec):
        return self.values.get(pspec.name)

    def do_set_property(self, pspec, value):
        self.values[pspec.name] = value
        self.apply(pspec.name, value)

    def apply(self, name, value):
        """Forward a property to the wrapped elements (override where it means something)."""

    def template(self, name):
        # From the class itself: get_pad_template() answers None while a factory is constructing us.
        return next((t for t in type(self).__gsttemplates__ if t.name_template == name), None)

    def pad_caps(self, name):
        return self.template(name).get_caps()

    def chain(self, *elements):
        """Link the elements in order between capsfilters of the real pad templates' caps."""
        has_sink = self.template("sink") is not None
        has_src = self.template("src") is not None
        inner = list(elements)
        if has_sink:
            inner.insert(0, make("capsfilter", caps=self.pad_caps("sink")))
        if has_src:
            inner.append(make("capsfilter", caps=self.pad_caps("src")))
        for element in inner:
            self.add(element)
        for a, b in zip(inner, inner[1:]):
            if not a.link(b):
                raise RuntimeError(f"cannot link {a.get_name()} to {b.get_name()}")
        if has_sink:
            self.ghost("sink", inner[0].get_static_pad("sink"))
        if has_src:
            self.ghost("src", inner[-1].get_static_pad("src"))
        return inner

    def ghost(self, name, target):
        pad = Gst.GhostPad.new_from_template(name, target, self.template(name))
        self.add_pad(pad)
        return pad

    def fail(self, text, debug=""):
        self.post_message(Gst.Message.new_error(self, GLib_error(text), debug))


def GLib_error(text):
    from gi.repository import GLib

    return GLib.Error.new_literal(Gst.ResourceError.quark(), text, Gst.ResourceError.NOT_FOUND)


def readable(path):
    return bool(path) and os.path.isfile(path) and os.access(path, os.R_OK)


def check_files_on_ready(element, transition, names):
    """Real nvinfer/nvtracker/nvmsgconv read their config files when they start; so do the fakes."""
    if transition != Gst.StateChange.NULL_TO_READY:
        return True
    for name in names:
        path = element.values.get(name)
        if path is not None and not readable(path):
            element.fail(f"{element.get_factory().get_name()}: cannot read {name} \"{path}\"")
            return False
    return True


def filter_templates(caps):
    """An always sink and an always src pad with the same caps (a filter's templates)."""
    return (
        template("sink", Gst.PadDirection.SINK, Gst.PadPresence.ALWAYS, caps),
        template("src", Gst.PadDirection.SRC, Gst.PadPresence.ALWAYS, caps),
    )


class PassThrough(FakeBin):
    """A fake filter that lets frames through (identity), and, like the real element, refuses to start
    when a property it needs is unset (MUST_SET) or a file it reads cannot be read (FILES)."""

    MUST_SET = ()
    FILES = ()

    def __init__(self):
        super().__init__()
        self.chain(make("identity"))

    def do_change_state(self, transition):
        if transition == Gst.StateChange.NULL_TO_READY:
            unset = [name for name in self.MUST_SET if not self.values.get(name)]
            if unset:
                self.fail(f"{self.get_factory().get_name()}: {unset[0]} is not set")
                return Gst.StateChangeReturn.FAILURE
        if not check_files_on_ready(self, transition, list(self.FILES)):
            return Gst.StateChangeReturn.FAILURE
        return Gst.Bin.do_change_state(self, transition)
