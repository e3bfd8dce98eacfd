#!/usr/bin/env bash
# Set-up shared by `npm run demo`, `npm test` and `npm run bench`: installs only what is missing
# (Debian packages, npm dependencies, the build) and says so on screen.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[36m[setup]\033[0m %s\n' "$*" >&2; }

# Runtime: GStreamer tools and plugins, the helper's Python bindings. Tests: ffmpeg, a browser.
PACKAGES=(gstreamer1.0-tools gstreamer1.0-plugins-base gstreamer1.0-plugins-base-apps gstreamer1.0-plugins-good
  gstreamer1.0-plugins-bad gstreamer1.0-plugins-ugly gstreamer1.0-libav gstreamer1.0-rtsp gstreamer1.0-nice
  python3-gi python3-gst-1.0 gir1.2-gst-rtsp-server-1.0 gir1.2-gst-plugins-bad-1.0 ffmpeg)
# The test suite drives a real browser (HLS preview, WebRTC viewer), syntax-checks the completions,
# receives RTSP multicast in a second network namespace (iproute2), and loads the fake DeepStream and
# hardware-encoder elements written in Python (gst-python's plugin loader), checks the metrics with
# promtool and a real Prometheus server (prometheus), and runs the job queue on a real Redis.
if [ "${1:-}" = test ]; then PACKAGES+=(chromium zsh fish iproute2 gstreamer1.0-python3-plugin-loader prometheus redis-server); fi
# The benchmarks read peak memory with GNU time.
if [ "${1:-}" = bench ]; then PACKAGES+=(time); fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null; then
    say "missing Debian packages: ${missing[*]} (run as root, or: sudo apt-get install -y ${missing[*]})"
    exit 3
  fi
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  say "installing missing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
else
  say "Debian packages: all present"
fi

# npm dependencies: only when node_modules is missing or older than the lockfile.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund >&2
else
  say "npm dependencies: up to date"
fi

# Build: only when a source file is newer than the last build.
if [ ! -f dist/cli.cjs ] || [ -n "$(find src scripts bin package.json tsconfig.json -newer dist/cli.cjs -type f -print -quit)" ]; then
  say "building (tsc, then the CLI bundle)"
  npm run --silent build >&2
else
  say "build: up to date"
fi
