// Installs fake GStreamer elements (Python, loaded by gst-python's plugin loader) into a plugin
// folder: GStreamer itself then lists them only while that folder is on GST_PLUGIN_PATH, exactly
// as with the real vendor plugins. Each run gets its own registry file, so the user's registry
// cache never learns the fakes.
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
export type FakeSet = 'deepstream' | 'hw-encoder';

/** Copies the set's modules (and the shared one) to <pluginDir>/python/. */
export function installFakeElements(set: FakeSet, pluginDir: string): void {
  const target = join(pluginDir, 'python');
  mkdirSync(target, { recursive: true });
  for (const folder of ['common', set]) {
    for (const file of readdirSync(join(HERE, folder)).filter((f) => f.endsWith('.py'))) copyFileSync(join(HERE, folder, file), join(target, file));
  }
}

/** The environment a GStreamer child needs to load the fakes without touching the real registry. */
export function fakeElementsEnv(registryFile: string): NodeJS.ProcessEnv {
  // gst-python embeds /usr/lib's libpython: a pyenv or venv interpreter's variables must not leak in.
  return { GST_REGISTRY: registryFile, PYTHONDONTWRITEBYTECODE: '1', PYTHONHOME: undefined, PYTHONPATH: undefined };
}
