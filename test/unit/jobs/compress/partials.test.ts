import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { partialName, removeStalePartials } from '../../../../src/jobs/compress/partials.js';
import { tempFiles } from '../../../helpers/cli.js';

const tmp = tempFiles('lydlr-compress-partials-');
afterAll(() => tmp.cleanup());

// The id of a process that has certainly exited (spawnSync waits for it).
const deadPid = (): number => spawnSync('true').pid!;

describe('partialName', () => {
  it.each([
    ['/videos/out.mp4', /^\/videos\/\.out\.partial-4242-[0-9a-f]{6}\.mp4$/],
    ['relative name.webm', /^\.relative name\.partial-4242-[0-9a-f]{6}\.webm$/],
    ['/a/b.c.mkv', /^\/a\/\.b\.c\.partial-4242-[0-9a-f]{6}\.mkv$/],
  ])('%s → a hidden name with the writer pid, in the same folder, with the same extension', (output, pattern) => {
    expect(partialName(output, 4242)).toMatch(pattern);
  });

  it('two jobs to the same target get different temporary names', () => {
    const names = new Set(Array.from({ length: 20 }, () => partialName('/x/out.mp4')));
    expect(names.size).toBe(20);
  });
});

describe('removeStalePartials', () => {
  it("removes a dead writer's partial of this output and keeps a live writer's, other outputs' and the output itself", () => {
    const output = join(tmp.dir, 'my "clip", v=1!.mp4');
    const dead = tmp.file(`.my "clip", v=1!.partial-${deadPid()}-abc123.mp4`, 'x');
    const live = tmp.file(`.my "clip", v=1!.partial-${process.ppid}-abc123.mp4`, 'x');
    const other = tmp.file(`.other.partial-${deadPid()}-abc123.mp4`, 'x');
    const otherExt = tmp.file(`.my "clip", v=1!.partial-${deadPid()}-abc123.mkv`, 'x');
    tmp.file('my "clip", v=1!.mp4', 'final');
    expect(removeStalePartials(output)).toEqual([dead]);
    expect(existsSync(dead)).toBe(false);
    expect([live, other, otherExt, output].every(existsSync)).toBe(true);
  });

  it('a missing folder removes nothing and does not throw', () => {
    expect(removeStalePartials(join(tmp.dir, 'no such folder', 'out.mp4'))).toEqual([]);
  });
});
