// The machine under the pipelines: OS, CPU, memory and GPUs, read from files (no process is spawned).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { arch, cpus, freemem, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';

export interface GpuInfo {
  vendor: 'nvidia' | 'intel' | 'amd' | 'other';
  name: string | undefined;
  /** The DRM render node (VA-API, V4L2) or /dev/nvidiaN. */
  device: string | undefined;
  driver: string | undefined;
}

export interface SystemInfo {
  os: { name: string; kernel: string; platform: string; arch: string };
  cpu: { model: string | undefined; cores: number };
  memory: { totalBytes: number; freeBytes: number };
  gpus: GpuInfo[];
  node: string;
}

const VENDORS: Record<string, GpuInfo['vendor']> = { '0x10de': 'nvidia', '0x8086': 'intel', '0x1002': 'amd' };

// `root` lets tests point at a fake /etc, /proc, /sys and /dev.
export function systemInfo(root = '/'): SystemInfo {
  return {
    os: { name: osName(root), kernel: release(), platform: platform(), arch: arch() },
    cpu: { model: cpus()[0]?.model.trim(), cores: cpus().length },
    memory: { totalBytes: totalmem(), freeBytes: freemem() },
    gpus: [...nvidiaGpus(root), ...drmGpus(root)],
    node: process.version,
  };
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function list(path: string): string[] {
  try {
    return readdirSync(path).sort();
  } catch {
    return [];
  }
}

export function osName(root = '/'): string {
  const text = read(join(root, 'etc/os-release')) ?? '';
  const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(text)?.[1];
  return pretty ?? `${platform()} ${release()}`;
}

// The NVIDIA kernel driver publishes each GPU's model and its own version under /proc.
function nvidiaGpus(root: string): GpuInfo[] {
  const driver = /Kernel Module\s+(\S+)/.exec(read(join(root, 'proc/driver/nvidia/version')) ?? '')?.[1];
  return list(join(root, 'proc/driver/nvidia/gpus')).map((bus, index) => {
    const info = read(join(root, 'proc/driver/nvidia/gpus', bus, 'information')) ?? '';
    const device = join(root, `dev/nvidia${index}`);
    return { vendor: 'nvidia', name: /^Model:\s*(.+)$/m.exec(info)?.[1]?.trim(), device: existsSync(device) ? `/dev/nvidia${index}` : undefined, driver };
  });
}

// DRM cards with a render node: what VA-API and V4L2 stateless codecs use. NVIDIA cards are reported above.
function drmGpus(root: string): GpuInfo[] {
  const renderNodes = list(join(root, 'dev/dri')).filter((n) => n.startsWith('renderD'));
  const cards = list(join(root, 'sys/class/drm')).filter((n) => /^card\d+$/.test(n));
  return cards.flatMap((card, index) => {
    const vendor = VENDORS[(read(join(root, 'sys/class/drm', card, 'device/vendor')) ?? '').trim()] ?? 'other';
    if (vendor === 'nvidia') return [];
    const uevent = read(join(root, 'sys/class/drm', card, 'device/uevent')) ?? '';
    const node = renderNodes[index];
    return [{ vendor, name: undefined, device: node ? `/dev/dri/${node}` : undefined, driver: /^DRIVER=(.+)$/m.exec(uevent)?.[1] }];
  });
}

// "16 cores, 23.5 GiB, no GPU": the one-line summary doctor and status print.
export function describeSystem(info: SystemInfo): string {
  const gib = (info.memory.totalBytes / 2 ** 30).toFixed(1);
  const gpus = info.gpus.length === 0 ? 'no GPU' : info.gpus.map((g) => [g.vendor, g.name, g.driver && `driver ${g.driver}`].filter(Boolean).join(' ')).join(', ');
  return `${info.os.name}, ${info.cpu.cores} CPU cores, ${gib} GiB memory, ${gpus}`;
}
