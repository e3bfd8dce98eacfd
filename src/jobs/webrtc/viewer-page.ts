// The viewer page (src/server/assets/webrtc-viewer.html) with this server's settings filled in.
import { readFileSync } from 'node:fs';
import type { BrowserIceServer } from './ice-servers.js';

export interface ViewerPageConfig {
  /** The WHEP endpoint, relative to the page or absolute. */
  whep: string;
  iceServers: BrowserIceServer[];
}

const PLACEHOLDER = '"__LYDLR_CONFIG__"';
let template: string | undefined;

export function viewerPage(config: ViewerPageConfig): string {
  template ??= readFileSync(new URL('../../server/assets/webrtc-viewer.html', import.meta.url), 'utf8');
  // JSON inside <script>: "<" escaped so no value can close the element.
  const json = JSON.stringify(config).replace(/</g, '\\u003c');
  return template.replace(PLACEHOLDER, () => json);
}
