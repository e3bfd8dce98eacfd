// Is an NVIDIA GPU with its driver visible? nvidia-smi on PATH (dGPU), or the Tegra release file (Jetson).
import { readFileSync } from 'node:fs';
import { runTool } from '../../process/run-tool.js';
import { findOnPath } from '../../gst/tools.js';

export interface GpuInfo {
  /** The first GPU's name, e.g. "NVIDIA GeForce RTX 3090". */
  name: string;
  /** Driver version, e.g. "550.54.14" (Jetson: the L4T release, e.g. "R36.3.0"). */
  driver: string;
  /** The CUDA version the driver supports (nvidia-smi's header); null when it does not say. */
  cuda: string | null;
  /** How many GPUs nvidia-smi listed. */
  count: number;
}

export type GpuProbe =
  | { found: true; gpu: GpuInfo; source: string }
  | { found: false; reason: string; fix: string };

export const NVIDIA_SMI = 'nvidia-smi';
/** The one query we ask (and the fake in the tests answers): CSV, no header, one GPU a line. */
export const NVIDIA_SMI_QUERY = ['--query-gpu=name,driver_version', '--format=csv,noheader'];
export const TEGRA_RELEASE_FILE = '/etc/nv_tegra_release';

export interface GpuProbeOptions {
  timeoutMs?: number;
  /** Jetson boards have no nvidia-smi; their L4T release file says the driver (tests point it elsewhere). */
  tegraReleaseFile?: string;
}

// nvidia-smi's CSV answer: one {name, driver} per GPU line.
export function parseGpuQuery(text: string): { name: string; driver: string }[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .flatMap((line) => {
      const cut = line.lastIndexOf(',');
      if (cut <= 0) return [];
      const name = line.slice(0, cut).trim();
      const driver = line.slice(cut + 1).trim();
      return name && /^\d[\w.]*$/.test(driver) ? [{ name, driver }] : [];
    });
}

// "CUDA Version: 12.4" from nvidia-smi's banner.
export function parseCudaVersion(text: string): string | null {
  return /CUDA Version\s*:\s*(\d+(?:\.\d+)*)/.exec(text)?.[1] ?? null;
}

// "# R36 (release), REVISION: 3.0, GCID: …" → "R36.3.0".
export function parseTegraRelease(text: string): string | null {
  const m = /#\s*R(\d+)\s*\(release\),\s*REVISION:\s*([\d.]+)/.exec(text);
  return m ? `R${m[1]}.${m[2]}` : null;
}

export async function probeGpu(env: NodeJS.ProcessEnv, options: GpuProbeOptions = {}): Promise<GpuProbe> {
  const smi = findOnPath(NVIDIA_SMI, env);
  if (!smi) return probeTegra(options.tegraReleaseFile ?? TEGRA_RELEASE_FILE);
  const timeout = options.timeoutMs ?? 15_000;
  const run = (args: string[]) => runTool(smi, args, { env, timeoutMs: timeout }).done;
  const query = await run(NVIDIA_SMI_QUERY);
  const gpus = query.exitCode === 0 ? parseGpuQuery(String(query.stdout)) : [];
  const first = gpus[0];
  if (!first) {
    const said = firstLine(String(query.stderr)) || firstLine(String(query.stdout)) || `exit ${query.exitCode ?? query.failure ?? '?'}`;
    return {
      found: false,
      reason: `nvidia-smi found no usable GPU: ${said}`,
      fix: 'Check the NVIDIA driver (nvidia-smi must list the GPU); in a container, run with --gpus all and the NVIDIA Container Toolkit.',
    };
  }
  const banner = await run([]);
  return { found: true, source: smi, gpu: { ...first, cuda: parseCudaVersion(String(banner.stdout)), count: gpus.length } };
}

function probeTegra(file: string): GpuProbe {
  let release: string | null = null;
  try {
    release = parseTegraRelease(readFileSync(file, 'utf8'));
  } catch {
    // Not a Jetson.
  }
  if (release) return { found: true, source: file, gpu: { name: 'NVIDIA Jetson (Tegra)', driver: release, cuda: null, count: 1 } };
  return {
    found: false,
    reason: 'nvidia-smi not found: no NVIDIA driver is visible',
    fix: 'Install the NVIDIA driver (nvidia-smi must list the GPU); on Jetson, flash JetPack; in a container, use --gpus all.',
  };
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0]?.trim() ?? '';
}
