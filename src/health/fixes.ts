// From missing elements to the one line a person runs: `apt-get install -y <Debian packages>`.
import { NVIDIA_NOTE, packageForElement } from '../gst/inspect/element-packages.js';
import type { MissingElement } from './types.js';

export function missingElement(element: string, required: boolean): MissingElement {
  return { element, package: packageForElement(element), required };
}

// Debian packages for the elements, then NVIDIA's note, then names no table knows.
export function fixForMissing(missing: MissingElement[], extraPackages: string[] = []): string | undefined {
  const packages = new Set(extraPackages);
  let nvidia = false;
  const unknown: string[] = [];
  for (const m of missing) {
    if (m.package === NVIDIA_NOTE) nvidia = true;
    else if (m.package) packages.add(m.package);
    else unknown.push(m.element);
  }
  const parts: string[] = [];
  if (packages.size > 0) parts.push(aptInstall([...packages]));
  if (nvidia) parts.push(`install the ${NVIDIA_NOTE}`);
  if (unknown.length > 0) parts.push(`find the package providing ${unknown.join(', ')} (apt-file search libgst…)`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

export const aptInstall = (packages: string[]): string => `apt-get install -y ${packages.join(' ')}`;

// "✗ x264enc (gstreamer1.0-plugins-ugly)": one detail line.
export function presenceLine(element: string, present: boolean, note?: string): string {
  if (present) return `✓ ${element}${note ? ` ${note}` : ''}`;
  const pkg = packageForElement(element);
  return `✗ ${element}${pkg ? ` (${pkg})` : ''}${note ? ` ${note}` : ''}`;
}
