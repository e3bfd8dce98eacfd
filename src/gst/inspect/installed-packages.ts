// Which Debian package ships an installed plugin, from what gst-inspect says about it.
// Elements that are not installed use the static table in packages.ts instead.
import { basename } from 'node:path';
import type { PluginDetails } from './schema.js';

// Debian splits a few plugins out of their source module (checked with dpkg -S on Debian 12).
const BY_FILE: Record<string, string> = {
  'libgstcoreelements.so': 'gstreamer1.0-tools',
  'libgstcoretracers.so': 'gstreamer1.0-tools',
  'libgstopengl.so': 'gstreamer1.0-gl',
  'libgstpango.so': 'gstreamer1.0-x',
  'libgstximagesink.so': 'gstreamer1.0-x',
  'libgstxvimagesink.so': 'gstreamer1.0-x',
  'libgstalsa.so': 'gstreamer1.0-alsa',
  'libgstpulseaudio.so': 'gstreamer1.0-pulseaudio',
  'libgstgtk.so': 'gstreamer1.0-gtk3',
  'libgstqmlgl.so': 'gstreamer1.0-qt5',
  'libgstopencv.so': 'gstreamer1.0-opencv',
  'libgstwpe.so': 'gstreamer1.0-wpe',
  'libgstpipewire.so': 'gstreamer1.0-pipewire',
  'libgstlibcamera.so': 'gstreamer1.0-libcamera',
  'libgstnice.so': 'gstreamer1.0-nice',
  'libgstrtspclientsink.so': 'gstreamer1.0-rtsp',
};

const BY_MODULE: Record<string, string> = {
  gstreamer: 'gstreamer1.0-tools',
  'gst-plugins-base': 'gstreamer1.0-plugins-base',
  'gst-plugins-good': 'gstreamer1.0-plugins-good',
  'gst-plugins-bad': 'gstreamer1.0-plugins-bad',
  'gst-plugins-ugly': 'gstreamer1.0-plugins-ugly',
  'gst-libav': 'gstreamer1.0-libav',
  'gst-rtsp-server': 'gstreamer1.0-rtsp',
  libnice: 'gstreamer1.0-nice',
  'gstreamer-vaapi': 'gstreamer1.0-vaapi',
  pipewire: 'gstreamer1.0-pipewire',
};

// The package for an installed plugin: by its file first (Debian's splits), then by its source module.
export function packageForPlugin(plugin: Pick<PluginDetails, 'filename' | 'sourceModule'>): string | undefined {
  const file = plugin.filename ? BY_FILE[basename(plugin.filename)] : undefined;
  return file ?? (plugin.sourceModule ? BY_MODULE[plugin.sourceModule] : undefined);
}
