# Pad template caps of the DeepStream elements, as their gst-inspect-1.0 prints them (DeepStream 7.x,
# dGPU); registers no element.
RANGES = "width=(int)[ 1, 2147483647 ], height=(int)[ 1, 2147483647 ], framerate=(fraction)[ 0/1, 2147483647/1 ]"


def nvmm(formats):
    return f"video/x-raw(memory:NVMM), format=(string){{ {', '.join(formats)} }}, {RANGES}"


def system(formats):
    return f"video/x-raw, format=(string){{ {', '.join(formats)} }}, {RANGES}"


NV12_RGBA = nvmm(["NV12", "RGBA"])
CONVERT_FORMATS = ["I420", "P010_10LE", "NV12", "BGRx", "RGBA", "GRAY8", "YUY2", "UYVY", "YVYU", "Y42B", "RGB", "BGR", "UYVP"]
