// The plugin sets Debian ships, told apart by plugins each one always has (names from `gst-inspect-1.0`).
import type { Check } from './types.js';
import { aptInstall } from './fixes.js';

export interface PluginSet {
  id: string;
  package: string;
  /** The five sets every lydlr-gst command leans on; the others are shown by `plugins --missing`. */
  core: boolean;
  markers: string[];
  purpose: string;
}

export const PLUGIN_SETS: PluginSet[] = [
  { id: 'base', package: 'gstreamer1.0-plugins-base', core: true, markers: ['playback', 'app', 'typefindfunctions', 'audioconvert', 'opus'], purpose: 'decodebin, videoconvert, opus, vorbis' },
  { id: 'good', package: 'gstreamer1.0-plugins-good', core: true, markers: ['isomp4', 'matroska', 'rtp', 'vpx', 'multifile'], purpose: 'mp4/mkv/webm muxers, VP8/VP9, RTP, splitmuxsink' },
  { id: 'bad', package: 'gstreamer1.0-plugins-bad', core: true, markers: ['videoparsersbad', 'mpegtsmux', 'hls', 'webrtc'], purpose: 'h264parse, mpegtsmux, hlssink2, webrtcbin, AV1' },
  { id: 'ugly', package: 'gstreamer1.0-plugins-ugly', core: true, markers: ['x264'], purpose: 'x264enc' },
  { id: 'libav', package: 'gstreamer1.0-libav', core: true, markers: ['libav'], purpose: 'FFmpeg decoders, avenc_aac' },
  { id: 'rtsp', package: 'gstreamer1.0-rtsp', core: false, markers: ['rtspclientsink'], purpose: 'publishing to an RTSP server' },
  { id: 'nice', package: 'gstreamer1.0-nice', core: false, markers: ['nice'], purpose: 'ICE for WebRTC' },
  { id: 'gl', package: 'gstreamer1.0-gl', core: false, markers: ['opengl'], purpose: 'OpenGL upload and display' },
  { id: 'x', package: 'gstreamer1.0-x', core: false, markers: ['ximagesink', 'pango'], purpose: 'X11 display, text overlays' },
  { id: 'alsa', package: 'gstreamer1.0-alsa', core: false, markers: ['alsa'], purpose: 'ALSA audio capture and playback' },
  { id: 'vaapi', package: 'gstreamer1.0-vaapi', core: false, markers: ['vaapi'], purpose: 'Intel/AMD hardware codecs (legacy VA-API)' },
];

export type SetState = 'installed' | 'partial' | 'missing';

export interface PluginSetStatus {
  id: string;
  package: string;
  core: boolean;
  purpose: string;
  state: SetState;
  missingPlugins: string[];
}

export function pluginSetStatus(plugins: ReadonlySet<string>, sets: PluginSet[] = PLUGIN_SETS): PluginSetStatus[] {
  return sets.map((s) => {
    const missingPlugins = s.markers.filter((m) => !plugins.has(m));
    const state: SetState = missingPlugins.length === 0 ? 'installed' : missingPlugins.length === s.markers.length ? 'missing' : 'partial';
    return { id: s.id, package: s.package, core: s.core, purpose: s.purpose, state, missingPlugins };
  });
}

// One check per core set: missing fails (some command needs it), partly there warns.
export function pluginSetChecks(statuses: PluginSetStatus[]): Check[] {
  return statuses.filter((s) => s.core).map((s): Check => {
    const base = { id: `plugin-set:${s.id}`, group: 'plugins' as const, title: s.id, details: [`${s.package}: ${s.purpose}`] };
    if (s.state === 'installed') return { ...base, verdict: 'ok', summary: `${s.id} (${s.package})` };
    const fix = s.state === 'missing' ? aptInstall([s.package]) : `apt-get install --reinstall -y ${s.package}`;
    const what = s.state === 'missing' ? 'not installed' : `partly installed (no ${s.missingPlugins.join(', ')} plugin)`;
    return { ...base, verdict: s.state === 'missing' ? 'fail' : 'warn', summary: `${s.id} ${what} (${s.package})`, fix };
  });
}

// The `plugins --missing --json` record: every set's state, the packages to install, one apt line.
export function missingPluginSets(plugins: ReadonlySet<string>) {
  const sets = pluginSetStatus(plugins, PLUGIN_SETS);
  const missing = sets.filter((s) => s.state !== 'installed').map((s) => s.package);
  return { sets, missing, ...(missing.length ? { fix: `apt-get install -y ${missing.join(' ')}` } : {}) };
}
