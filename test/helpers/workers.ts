// Worker processes of the built CLI on a test Redis, killed outright after each test (a test that
// leaves one running would take the next test's jobs).
import { startJsonCli, type JsonCli } from './ndjson-process.js';

export class TestWorkers {
  private readonly running: JsonCli[] = [];

  start(redisUrl: string, queue: string, extra: string[] = []): JsonCli {
    const w = startJsonCli(['worker', '--redis', redisUrl, '--queue', queue, ...extra]);
    this.running.push(w);
    return w;
  }

  async killAll(): Promise<void> {
    for (const w of this.running.splice(0)) {
      w.child.kill('SIGKILL');
      await w.exited;
    }
  }
}
