// A faked DeepStream installation in a temp folder, for machines without a GPU: the `version` file,
// lib/gst-plugins holding fake nv* elements (test/helpers/fake-elements/deepstream: Python bins with
// the real factory names, pad templates and NVMM caps, wrapping software elements), and an
// nvidia-smi that answers exactly the queries src/jobs/deepstream/gpu.ts asks. GStreamer lists the
// elements only when lib/gst-plugins is on GST_PLUGIN_PATH, as with the real SDK.
import { chmodSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './cli.js';
import { fakeElementsEnv, installFakeElements } from './fake-elements/install.js';

/** Every element the fake SDK has (one Python module each). */
export const FAKE_ELEMENTS = [
  'nvstreammux', 'nvinfer', 'nvvideoconvert', 'nvdsosd', 'nvtracker', 'nvmultistreamtiler',
  'nvv4l2decoder', 'nvv4l2h264enc', 'nvmsgconv', 'nvmsgbroker', 'nveglglessink',
];

export interface FakeDeepstream {
  /** NVIDIA_DEEPSTREAM_PATH */
  root: string;
  /** <root>/lib/gst-plugins */
  pluginPath: string;
  /** Put first on PATH (holds nvidia-smi). */
  bin: string;
  /** env for a child: PATH with the fakes first, NVIDIA_DEEPSTREAM_PATH, a private registry, and `extra`. */
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
  const pluginPath = join(root, 'lib', 'gst-plugins');
  mkdirSync(pluginPath, { recursive: true });
  mkdirSync(bin);
  writeFileSync(join(root, 'version'), `Version: ${options.version ?? '7.1'}\n`);
  installFakeElements('deepstream', pluginPath);
  for (const element of FAKE_ELEMENTS.filter((e) => options.elements && !options.elements.includes(e))) {
    rmSync(join(pluginPath, 'python', `${element}.py`));
  }
  if ((options.gpu ?? 'ok') !== 'absent') script(join(bin, 'nvidia-smi'), nvidiaSmi(options.gpu === 'no-driver'));
  const registry = join(dir, 'registry.bin');
  return {
    root,
    pluginPath,
    bin,
    env: (extra = {}) => withoutUndefined({
      ...process.env, ...fakeElementsEnv(registry), PATH: `${bin}:${process.env.PATH ?? ''}`, NVIDIA_DEEPSTREAM_PATH: root, ...extra,
    }),
    cleanup,
  };
}

function withoutUndefined(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined));
}

function script(path: string, text: string): void {
  writeFileSync(path, text);
  chmodSync(path, 0o755);
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
