// Reading a Prometheus text exposition in tests, and promtool's verdict on it.
import { execa } from 'execa';

// One sample's value, e.g. sample(text, 'lydlr_viewers') or sample(text, 'lydlr_stream_up{mount="/whep"}').
export function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

export const scrape = async (url: string, headers: Record<string, string> = {}): Promise<string> => (await fetch(url, { headers })).text();

/** `promtool check metrics` on the text: its exit code and what it said. */
export async function promtool(text: string): Promise<{ exitCode: number; output: string }> {
  const r = await execa('promtool', ['check', 'metrics'], { input: text, reject: false });
  return { exitCode: r.exitCode ?? -1, output: `${r.stdout}${r.stderr}` };
}
