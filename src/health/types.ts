// The doctor's vocabulary: checks with a verdict, what was found and the exact fix, and the report they make.
import type { DeepstreamStatus } from '../jobs/deepstream/status.js';
import type { CodecRow } from './codec-matrix.js';
import type { PluginSetStatus } from './plugin-sets.js';
import type { PythonCheck } from '../server/python.js';
import type { SystemInfo } from './system-info.js';

export type Verdict = 'ok' | 'warn' | 'fail';

/** A command doctor can check: a job of the registry that declares what it needs (see healthCommands()). */
export type HealthCommand = string;

export type CheckGroup = 'gstreamer' | 'plugins' | 'codecs' | 'muxers' | 'commands' | 'environment' | 'system';

/** An element looked for and not found, with the Debian package that ships it. */
export interface MissingElement {
  element: string;
  package: string | undefined;
  required: boolean;
}

export interface Check {
  /** Stable id for scripts: gstreamer, plugin-set:ugly, codec:h264, muxers, command:rtsp, env:GSTREAMER_DEBUG, system. */
  id: string;
  group: CheckGroup;
  title: string;
  verdict: Verdict;
  /** What was found, one line. */
  summary: string;
  /** One line per item looked at (shown with --verbose, and under failed checks). */
  details: string[];
  /** The exact fix: an apt-get line, or the value to export. */
  fix?: string;
  missing?: MissingElement[];
  /** The first lines of a failed probe's stderr. */
  stderr?: string;
}

export interface CommandReadiness {
  ready: boolean;
  /** False for a command the user did not ask for and that is off (DeepStream without DEEPSTREAM_ENABLED). */
  required: boolean;
  missing: MissingElement[];
  fix?: string;
}

export interface HealthReport {
  /** 0 all required checks ok · 1 some command not ready · 2 an invalid environment variable · 3 GStreamer missing. */
  exitCode: 0 | 1 | 2 | 3;
  ok: boolean;
  scope: HealthCommand | 'all';
  gstreamer: { installed: boolean; version: string | undefined; tools: Record<string, string | null> };
  plugins: { total: number; listed: number; featureless: number; blacklisted: number; features: number; consistent: boolean } | null;
  pluginSets: PluginSetStatus[];
  /** The codec matrix: encoders, decoders, parsers, software and hardware, each present or not. */
  codecs: CodecRow[];
  commands: Partial<Record<HealthCommand, CommandReadiness>>;
  /** The helper's interpreter and what it could import (rtsp, webrtc). */
  python: PythonCheck | null;
  /** The same answer `deepstream status` gives. */
  deepstream: DeepstreamStatus | null;
  checks: Check[];
  counts: Record<Verdict, number>;
  /** Every distinct fix, in check order: what to run to make this machine ready. */
  fixes: string[];
  system: SystemInfo;
  durationMs: number;
}
