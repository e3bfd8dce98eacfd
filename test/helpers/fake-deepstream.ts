// A faked DeepStream installation in a temp folder, for machines without a GPU: the `version` file,
// an empty lib/gst-plugins, a gst-inspect-1.0 wrapper earlier on PATH that adds the nv* elements to the
// real listing (only when lib/gst-plugins is on GST_PLUGIN_PATH, as with the real SDK) and answers for
// them, and an nvidia-smi that answers exactly the queries src/jobs/deepstream/gpu.ts asks.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findOnPath } from '../../src/gst/tools.js';
import { tempDir } from './cli.js';

/** plugin, element, long name, as the SDK's plugins print them. */
export const FAKE_ELEMENTS: [string, string, string][] = [
  ['nvdsgst_multistream', 'nvstreammux', 'Stream multiplexer'],
  ['nvdsgst_infer', 'nvinfer', 'NvInfer plugin'],
  ['nvvideoconvert', 'nvvideoconvert', 'NvVidConv Plugin'],
  ['nvdsgst_osd', 'nvdsosd', 'NvDsOsd plugin'],
  ['nvdsgst_tracker', 'nvtracker', 'NvTracker plugin'],
  ['nvdsgst_multistreamtiler', 'nvmultistreamtiler', 'Stream Tiler DS 4.0'],
  ['nvvideo4linux2', 'nvv4l2decoder', 'NVIDIA v4l2 video decoder'],
  ['nvvideo4linux2', 'nvv4l2h264enc', 'V4L2 H.264 Encoder'],
  ['nvdsgst_msgconv', 'nvmsgconv', 'Message Converter'],
  ['nvdsgst_msgbroker', 'nvmsgbroker', 'Message Broker'],
];

export interface FakeDeepstream {
  /** NVIDIA_DEEPSTREAM_PATH */
  root: string;
  /** Put first on PATH (holds gst-inspect-1.0 and nvidia-smi). */
  bin: string;
  /** env for a child: PATH with the fakes first, NVIDIA_DEEPSTREAM_PATH, and `extra`. */
  env(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
  cleanup(): void;
}

export interface FakeOptions {
  version?: string;
  /** Which elements the fake SDK has (default all of FAKE_ELEMENTS). */
  elements?: string[];
  /** 'ok' (default), 'no-driver' (nvidia-smi fails like without a driver), 'absent' (no nvidia-smi). */
  gpu?: 'ok' | 'no-driver' | 'absent';
}

export const FAKE_GPU = { name: 'NVIDIA A2', driver: '550.54.15', cuda: '12.4' };

export function makeFakeDeepstream(options: FakeOptions = {}): FakeDeepstream {
  const { dir, cleanup } = tempDir('lydlr-fake-ds-');
  const root = join(dir, 'deepstream');
  const bin = join(dir, 'bin');
  const plugins = join(root, 'lib', 'gst-plugins');
  mkdirSync(plugins, { recursive: true });
  mkdirSync(bin);
  writeFileSync(join(root, 'version'), `Version: ${options.version ?? '7.1'}\n`);
  const realInspect = findOnPath('gst-inspect-1.0');
  if (!realInspect) throw new Error('the fake DeepStream needs a real gst-inspect-1.0 on PATH');
  const elements = FAKE_ELEMENTS.filter(([, e]) => !options.elements || options.elements.includes(e));
  script(join(bin, 'gst-inspect-1.0'), inspectWrapper(realInspect, plugins, elements));
  if ((options.gpu ?? 'ok') !== 'absent') script(join(bin, 'nvidia-smi'), nvidiaSmi(options.gpu === 'no-driver'));
  return {
    root,
    bin,
    env: (extra = {}) => ({ ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, NVIDIA_DEEPSTREAM_PATH: root, ...extra }),
    cleanup,
  };
}

function script(path: string, text: string): void {
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

function inspectWrapper(real: string, plugins: string, elements: [string, string, string][]): string {
  const lines = elements.map(([p, e, l]) => `${p}:  ${e}: ${l}`).join('\\n');
  const pluginCount = new Set(elements.map(([p]) => p)).size;
  const cases = elements.map(([p, e, l]) => `  ${e}) describe '${p}' '${e}' '${l}' ;;`).join('\n');
  return `#!/bin/bash
# Fake DeepStream elements over the real gst-inspect-1.0 (lydlr-gst tests).
REAL='${real}'
PLUGINS='${plugins}'
case ":$GST_PLUGIN_PATH:" in *":$PLUGINS:"*) ;; *) exec "$REAL" "$@" ;; esac
describe() {
  printf 'Factory Details:\\n  Rank                     primary (256)\\n  Long-name                %s\\n  Klass                    Filter/Video\\n  Description              %s\\n  Author                   NVIDIA Corporation. Post on Deepstream for Tesla forum for any queries @ https://devtalk.nvidia.com/default/board/209/\\n\\n' "$3" "$3"
  printf 'Plugin Details:\\n  Name                     %s\\n  Description              %s\\n  Filename                 %s/lib%s.so\\n  Version                  7.1.0\\n  License                  Proprietary\\n  Source module            %s\\n  Binary package           NVIDIA DeepStreamSDK\\n  Origin URL               http://nvidia.com/\\n\\n' "$1" "$3" "$PLUGINS" "$1" "$1"
  exit 0
}
if [ $# -eq 0 ]; then
  set -o pipefail
  "$REAL" | awk -v extra='${lines}' -v p=${pluginCount} -v f=${elements.length} '
    /^Total count:/ { if (f > 0) print extra; n = split($0, w, " "); w[3] += p; w[n-1] += f
      line = w[1]; for (i = 2; i <= n; i++) line = line " " w[i]; print line; next }
    { print }'
  exit $?
fi
if [ "$1" = "--exists" ]; then
  for a in "$@"; do case "$a" in ${elements.map(([, e]) => e).join('|') || 'none-at-all'}) exit 0 ;; esac; done
  exec "$REAL" "$@"
fi
case "$1" in
${cases}
esac
exec "$REAL" "$@"
`;
}

function nvidiaSmi(noDriver: boolean): string {
  if (noDriver) {
    return `#!/bin/sh
echo "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running."
exit 9
`;
  }
  return `#!/bin/sh
if [ "$1" = "--query-gpu=name,driver_version" ] && [ "$2" = "--format=csv,noheader" ]; then
  echo "${FAKE_GPU.name}, ${FAKE_GPU.driver}"
  exit 0
fi
cat <<'EOF'
+-----------------------------------------------------------------------------------------+
| NVIDIA-SMI ${FAKE_GPU.driver}              Driver Version: ${FAKE_GPU.driver}      CUDA Version: ${FAKE_GPU.cuda}     |
|-----------------------------------------+------------------------+----------------------+
| GPU  Name                 Persistence-M | Bus-Id          Disp.A | Volatile Uncorr. ECC |
|=========================================+========================+======================|
|   0  ${FAKE_GPU.name}                      Off |   00000000:00:05.0 Off |                    0 |
+-----------------------------------------+------------------------+----------------------+
EOF
`;
}
