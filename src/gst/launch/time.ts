// GStreamer clock strings ("0:00:01.500000000") to seconds.

const CLOCK = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/;

// Returns undefined for GST_CLOCK_TIME_NONE ("99:99:99…") and anything unparseable.
export function parseClockTime(text: string): number | undefined {
  const m = CLOCK.exec(text.trim());
  if (!m) return undefined;
  if (m[1] === '99' && m[2] === '99') return undefined;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}
