// Recorded gst-launch-1.0 1.22 output (test/fixtures/gst-1.22/launch/), fed to the bus parser
// the way the runner feeds it: line by line, stdout then stderr, then a flush at exit.
import { readFileSync } from 'node:fs';
import { LaunchOutputParser } from '../../../../src/gst/launch/bus-parser.js';
import type { GstEvent } from '../../../../src/gst/launch/events.js';

const FIXTURES = new URL('../../../fixtures/gst-1.22/launch/', import.meta.url);

export function launchFixture(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}

export function parseFixture(name: string): GstEvent[] {
  const parser = new LaunchOutputParser();
  const events: GstEvent[] = [];
  for (const stream of ['stdout', 'stderr']) {
    for (const line of launchFixture(`${name}.${stream}.txt`).split(/\r\n|\r|\n/)) events.push(...parser.push(line));
  }
  events.push(...parser.flush());
  return events;
}
