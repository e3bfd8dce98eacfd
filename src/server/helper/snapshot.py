"""One still picture from a source, for `lydlr-gst snapshot` (gst-launch-1.0 cannot seek).

stdin: one JSON config line {"pipeline": "... ! appsink name=sink", "at": seconds or null,
"fast": bool, "live": bool, "mime": "image/jpeg", "output": path, "timeout": seconds}. The pipeline ends in raw video
(already scaled). A file is prerolled, seeked accurately to `at` (GStreamer decodes from the keyframe
before it, no further) and the prerolled frame taken; with "fast" the seek goes to the keyframe at or before
`at` instead and only that frame is decoded; a live source's first decoded frame is taken.
video_convert_sample encodes the frame (jpegenc, pngenc, webpenc: found by the mime type).
stdout: {"type": "snapshot", "pts": seconds, "width": w, "height": h, "bytes": n}, or an error record.
"""
import sys

from ndjson_protocol import EXIT_FAILED, EXIT_USAGE, Stdin, emit, fail

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstVideo", "1.0")
from gi.repository import Gst, GstVideo  # noqa: E402


def bus_error(pipeline):
    """The pipeline's error message, if one is waiting on the bus."""
    msg = pipeline.get_bus().pop_filtered(Gst.MessageType.ERROR)
    if msg is None:
        return None
    err, debug = msg.parse_error()
    return f"{err.message} ({msg.src.get_name() if msg.src else '?'})", debug


def wait_state(pipeline, timeout_ns, what):
    """Waits for the state change (a preroll); fails with the bus error when there is one."""
    ret, _state, _pending = pipeline.get_state(timeout_ns)
    if ret == Gst.StateChangeReturn.FAILURE:
        error = bus_error(pipeline)
        fail("pipeline-failed", error[0] if error else f"the pipeline failed while {what}", EXIT_FAILED, debug=error[1] if error else None)
    if ret == Gst.StateChangeReturn.ASYNC:
        fail("timeout", f"no picture within the time allowed while {what}", EXIT_FAILED)


# ACCURATE: the decoder starts at the keyframe before `at` and drops frames up to it. KEY_UNIT with
# SNAP_BEFORE: the demuxer moves the position back to that keyframe, the first frame decoded is shown.
# Not SNAP_NEAREST: qtdemux and matroskademux (1.22) treat it as SNAP_BEFORE, and SNAP_AFTER past a
# file's last keyframe makes qtdemux decode up to `at` after all.
ACCURATE = Gst.SeekFlags.FLUSH | Gst.SeekFlags.ACCURATE
KEYFRAME_BEFORE = Gst.SeekFlags.FLUSH | Gst.SeekFlags.KEY_UNIT | Gst.SeekFlags.SNAP_BEFORE


def file_frame(pipeline, sink, at, fast, timeout_ns):
    pipeline.set_state(Gst.State.PAUSED)
    wait_state(pipeline, timeout_ns, "opening the file")
    if at > 0:
        if not pipeline.seek_simple(Gst.Format.TIME, KEYFRAME_BEFORE if fast else ACCURATE, int(at * Gst.SECOND)):
            fail("seek-failed", f"the file cannot be seeked to {at} s", EXIT_USAGE)
        wait_state(pipeline, timeout_ns, f"seeking to {at} s")
    return sink.emit("pull-preroll")


def live_frame(pipeline, sink, timeout_ns):
    pipeline.set_state(Gst.State.PLAYING)
    sample = sink.emit("try-pull-sample", timeout_ns)
    if sample is None:
        error = bus_error(pipeline)
        fail("no-frame", error[0] if error else "the source delivered no picture in time", EXIT_FAILED, debug=error[1] if error else None)
    return sample


def main():
    config = Stdin().read_config("bad-config", "the snapshot config as one JSON object")
    Gst.init(None)
    try:
        pipeline = Gst.parse_launch(config["pipeline"])
    except gi.repository.GLib.Error as exc:
        fail("bad-pipeline", exc.message, EXIT_USAGE)
    sink = pipeline.get_by_name("sink")
    timeout_ns = int(config.get("timeout", 20) * Gst.SECOND)
    at = config.get("at")
    sample = live_frame(pipeline, sink, timeout_ns) if config.get("live") else file_frame(pipeline, sink, at or 0, config.get("fast", False), timeout_ns)
    if sample is None:
        fail("no-frame", "the file has no picture at that time", EXIT_USAGE)
    image = GstVideo.video_convert_sample(sample, Gst.Caps.from_string(config["mime"]), timeout_ns)
    pipeline.set_state(Gst.State.NULL)
    data = image.get_buffer().extract_dup(0, image.get_buffer().get_size())
    with open(config["output"], "wb") as out:
        out.write(data)
    s = sample.get_caps().get_structure(0)
    pts = sample.get_buffer().pts
    segment = sample.get_segment()
    # The stream time of the frame (a container's start offset removed), as players show it.
    stream_time = segment.to_stream_time(Gst.Format.TIME, pts) if pts != Gst.CLOCK_TIME_NONE else None
    emit({"type": "snapshot", "pts": None if stream_time is None or stream_time < 0 else stream_time / Gst.SECOND,
          "width": s.get_value("width"), "height": s.get_value("height"), "bytes": len(data)})
    sys.stdout.flush()


if __name__ == "__main__":
    main()
