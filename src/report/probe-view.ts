// `probe` for people: the facts per stream, then one line per target with its verdict and fix.
import type { AudioFacts, ProbeFacts, VideoFacts } from '../jobs/probe/facts.js';
import type { TargetVerdict } from '../jobs/probe/verdicts.js';
import { formatClock, formatKbps } from './format.js';

const MARK = { plays: '✓', remux: '~', transcode: '✗' } as const;

function videoLine(v: VideoFacts): string {
  const parts = [
    `${v.codec}${v.codecString ? ` (${v.codecString})` : ''}`,
    v.profile && `${v.profile}${v.level ? ` @ ${v.level}` : ''}`,
    v.chromaFormat && `${v.chromaFormat}${v.bitDepth ? ` ${v.bitDepth}-bit` : ''}`,
    `${v.width}x${v.height}`,
    v.variableFrameRate ? 'variable frame rate' : `${v.fps} fps`,
    v.bitrateKbps && formatKbps(v.bitrateKbps),
    v.keyframeInterval &&
      `key frames every ${v.keyframeInterval.meanFrames} (max ${v.keyframeInterval.maxFrames}) frames${v.keyframeInterval.sampledSeconds !== undefined ? ` in the first ${v.keyframeInterval.sampledSeconds} s` : ''}`,
    v.bFrames !== undefined && (v.bFrames ? 'B-frames' : 'no B-frames'),
    v.sampleEntry && `sample entry ${v.sampleEntry}`,
  ];
  return `  video  ${parts.filter(Boolean).join(' · ')}`;
}

function audioLine(a: AudioFacts): string {
  const parts = [`${a.codec}${a.codecString ? ` (${a.codecString})` : ''}`, a.profile, `${a.channels} ch`, `${a.sampleRate} Hz`, a.bitrateKbps && formatKbps(a.bitrateKbps)];
  return `  audio  ${parts.filter(Boolean).join(' · ')}`;
}

function verdictLines(v: TargetVerdict): string[] {
  const head = `${MARK[v.verdict]} ${v.target.padEnd(11)}${v.verdict}${v.transcode.length ? ` (${v.transcode.join(' + ')})` : ''}`;
  return [head, ...v.problems.map((p) => `    ${p.reason}`), ...(v.fix ? [`    fix: ${v.fix.command}`] : [])];
}

export function probeLines(facts: ProbeFacts, verdicts: TargetVerdict[]): string[] {
  const container = [
    facts.container ?? 'elementary stream',
    facts.durationSeconds !== null && formatClock(facts.durationSeconds),
    facts.fastStart !== undefined && (facts.fastStart ? 'fast start (moov first)' : 'moov at the end'),
    facts.fragmented && 'fragmented',
  ];
  return [
    `${facts.source}: ${container.filter(Boolean).join(' · ')}`,
    ...facts.video.map(videoLine),
    ...facts.audio.map(audioLine),
    '',
    ...verdicts.flatMap(verdictLines),
  ];
}
