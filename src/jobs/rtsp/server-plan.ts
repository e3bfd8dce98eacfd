// Options → every mount planned → the host's config. Shared by the CLI and RTSPStreamPipeline.
import { UsageError } from '../../errors.js';
import type { HelperConfig } from './helper-events.js';
import { mountLaunch } from './media.js';
import { mountSettings, type MountSettings, type RtspOptions } from './options.js';
import { checkAskedEncode, type LimitsOf } from '../encoder-limits.js';
import { RTSP_BITRATE_KBPS } from './defaults.js';
import { planMount, type MountPlan, type Probe } from './plan.js';

export interface ServerPlan {
  plans: MountPlan[];
  config: HelperConfig;
}

export async function planServer(options: RtspOptions, probe: Probe, limitsOf: LimitsOf): Promise<ServerPlan> {
  const settings = options.mounts.map((m) => mountSettings(options, m));
  const plans = await Promise.all(settings.map((m) => planMount(m, probe)));
  await Promise.all(plans.map((p, i) => checkMountEncode(p, settings[i]!, limitsOf)));
  // --loop applies to the files among the mounts; refused when it would loop nothing.
  const refused = options.mounts.filter((m, i) => m.loop === true && !plans[i]!.loop);
  const notFiles = refused.length > 0 ? refused : options.loop && plans.every((p) => !p.loop) ? options.mounts : [];
  if (notFiles.length > 0) {
    throw new UsageError(`--loop restarts files; ${notFiles.map((m) => m.input).join(', ')} ${notFiles.length > 1 ? 'are' : 'is'} not a file.`, {
      fix: 'Live sources (test, cameras, URIs) never end: drop --loop for them.',
    });
  }
  return { plans, config: helperConfig(options, plans) };
}

// --scale, --fps and --bitrate against the encoder's own limits, so a mount is refused (exit 2) before the
// helper starts rather than failing to link when a client connects.
async function checkMountEncode(plan: MountPlan, mount: MountSettings, limitsOf: LimitsOf): Promise<void> {
  const size = mount.scale !== undefined && plan.width !== undefined && plan.height !== undefined ? { width: plan.width, height: plan.height } : undefined;
  const asked = { size, fps: mount.fps, bitrateKbps: mount.bitrate === RTSP_BITRATE_KBPS ? undefined : mount.bitrate };
  await checkAskedEncode(asked, () => limitsOf(plan.codec), { size: `--scale ${mount.scale}` });
}

export function helperConfig(options: RtspOptions, plans: MountPlan[]): HelperConfig {
  return {
    host: options.host,
    port: options.port,
    mounts: plans.map((p) => ({ path: p.path, launch: mountLaunch(p), shared: true, loop: p.loop, record: false, recorded: options.record !== undefined })),
    auth: options.auth,
    authScheme: options.authScheme,
    protocols: options.transport,
    multicast: options.multicast,
    statsIntervalMs: Math.round(options.statsInterval * 1000),
  };
}
