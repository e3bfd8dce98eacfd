// --publish URL: the same encode pushed to an existing media server (MediaMTX, Wowza, nginx-rtmp,
// YouTube) by gst-launch: RTSP RECORD (rtspclientsink), SRT caller (MPEG-TS, srtsink) or RTMP (FLV, rtmp2sink).
import { ref, element, type PipelineNode } from '../../pipeline/nodes.js';
import { CONTAINER_SPECS } from '../../pipeline/containers.js';
import type { PipelineBuilder } from '../../pipeline/builder.js';
import { buildStreams, MUX_QUEUE } from './media.js';
import type { MountPlan } from './plan.js';
import type { RtspOptions } from './options.js';

export type PublishProtocol = 'rtsp' | 'srt' | 'rtmp';

export function publishProtocol(url: string): PublishProtocol {
  const scheme = url.slice(0, url.indexOf(':')).toLowerCase();
  if (scheme === 'srt') return 'srt';
  return scheme.startsWith('rtmp') ? 'rtmp' : 'rtsp';
}

const SINK = 'out';

// The publishing pipeline for gst-launch-1.0 (argv via .toArgv()).
export function publishPipeline(plan: MountPlan, url: string, transport: RtspOptions['transport']): PipelineBuilder {
  switch (publishProtocol(url)) {
    case 'rtsp':
      // rtspclientsink payloads by itself: encoded streams go straight into its request pads.
      return buildStreams(plan, {
        before: [[element('rtspclientsink', { location: url, ...(transport === 'tcp' ? { protocols: 'tcp' } : {}) }, SINK)]],
        video: [ref(SINK)],
        audio: [MUX_QUEUE, ref(SINK)],
      });
    case 'srt':
      // alignment=7: seven TS packets per write, one SRT payload (1316 bytes); headers before every keyframe.
      return buildStreams(plan, {
        before: [[element('mpegtsmux', { alignment: 7 }, SINK), element('srtsink', { uri: url })]],
        video: muxInput(CONTAINER_SPECS.ts.videoPad),
        audio: muxInput(CONTAINER_SPECS.ts.audioPad),
        parserProps: { 'config-interval': -1 },
      });
    case 'rtmp':
      return buildStreams(plan, {
        before: [[element('flvmux', { streamable: true }, SINK), element('rtmp2sink', { location: url })]],
        video: muxInput(CONTAINER_SPECS.flv.videoPad),
        audio: muxInput(CONTAINER_SPECS.flv.audioPad),
      });
  }
}

function muxInput(pad: string): PipelineNode[] {
  return [MUX_QUEUE, ref(SINK, pad)];
}

// The URL as shown in events and logs: a password, an SRT passphrase or an RTMP stream key is masked.
export function maskUrl(url: string): string {
  const masked = url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/@:]*:)[^/@]*@/i, '$1***@').replace(/([?&]passphrase=)[^&]*/i, '$1***');
  return publishProtocol(url) === 'rtmp' ? masked.replace(/^(rtmps?:\/\/[^/]+\/[^/?]+\/)[^?]+/i, '$1***') : masked;
}
