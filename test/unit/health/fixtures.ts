// Facts for the pure health checks, built from real gst-inspect-1.0 output (test/fixtures/gst-1.22).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseListing } from '../../../src/gst/inspect/listing-parse.js';
import type { Listing } from '../../../src/gst/inspect/schema.js';
import { inspectEnv } from '../../../src/health/env-check.js';
import type { HealthFacts } from '../../../src/health/facts.js';
import { systemInfo } from '../../../src/health/system-info.js';
import type { DeepstreamStatus } from '../../../src/jobs/deepstream/status.js';

const DIR = join(import.meta.dirname, '../../fixtures/gst-1.22/inspect');
export const listingFixture = (name = 'listing.txt'): Listing => parseListing(readFileSync(join(DIR, name), 'utf8'));

export const LISTING = listingFixture();
export const ELEMENTS: ReadonlySet<string> = new Set(LISTING.features.filter((f) => f.kind === 'element').map((f) => f.name));

// The listing without the plugins named (as if their Debian package were not installed).
export function listingWithout(plugins: string[]): Listing {
  const features = LISTING.features.filter((f) => !plugins.includes(f.plugin));
  return { ...LISTING, features, plugins: LISTING.plugins.filter((p) => !plugins.includes(p)) };
}

export const elementsOf = (listing: Listing): Set<string> => new Set(listing.features.filter((f) => f.kind === 'element').map((f) => f.name));

export const DEEPSTREAM_OFF: DeepstreamStatus = {
  available: false, enabled: false, version: null, path: '/opt/nvidia/deepstream/deepstream', pluginPath: '/opt/nvidia/deepstream/deepstream/lib/gst-plugins',
  checks: [
    { name: 'DEEPSTREAM_ENABLED', ok: false, found: false, required: true, reason: 'DEEPSTREAM_ENABLED is not set', fix: 'export DEEPSTREAM_ENABLED=true' },
    { name: 'nvinfer', ok: false, found: false, required: true, reason: 'nvinfer not found', fix: 'export GSTREAMER_PLUGINS_PATH=/opt/nvidia/deepstream/deepstream/lib/gst-plugins' },
  ],
  reasons: ['DEEPSTREAM_ENABLED is not set', 'nvinfer not found'],
};

export function facts(over: Partial<HealthFacts> = {}): HealthFacts {
  return {
    env: inspectEnv({}),
    tools: { 'gst-launch-1.0': '/usr/bin/gst-launch-1.0', 'gst-inspect-1.0': '/usr/bin/gst-inspect-1.0', 'gst-discoverer-1.0': '/usr/bin/gst-discoverer-1.0' },
    installed: true,
    version: '1.22.0',
    listing: LISTING,
    listingError: undefined,
    python: { interpreter: '/usr/bin/python3', ok: true, missing: [], stderr: '' },
    deepstream: DEEPSTREAM_OFF,
    system: systemInfo('/nonexistent-root'),
    ...over,
  };
}
