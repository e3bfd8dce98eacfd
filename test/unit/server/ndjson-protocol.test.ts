// The helpers' shared protocol module, run by the interpreter the helpers run with.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEBIAN_PYTHON } from '../../../src/server/python.js';

const HELPER_DIR = fileURLToPath(new URL('../../../src/server/helper/', import.meta.url));

// A minimal helper: prints its config, then each command, each other line and the end of stdin.
const DRIVER = `
import sys
sys.dont_write_bytecode = True
sys.path.insert(0, ${JSON.stringify(HELPER_DIR)})
from ndjson_protocol import Stdin, emit
from gi.repository import GLib
stdin = Stdin()
emit({"type": "config", "config": stdin.read_config("bad-config", "a JSON object")})
loop = GLib.MainLoop()
stdin.watch(lambda m: emit({"type": "command", **m}), lambda line: emit({"type": "invalid", "line": line}),
            lambda: (emit({"type": "end"}), loop.quit()))
loop.run()
`;

function run(input: string) {
  const r = spawnSync(DEBIAN_PYTHON, ['-c', DRIVER], { input, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, events: r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>), stderr: r.stderr };
}

describe('ndjson_protocol.py', () => {
  it('the config line, then commands as they come, other lines reported, the end of stdin last', () => {
    const r = run('{"port": 8554}\n{"cmd":"stats"}\n\n  not json  \n[1]\n{"nocmd":1}\n{"cmd":"stop","why":"test"}');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.events).toEqual([
      { type: 'config', config: { port: 8554 } },
      { type: 'command', cmd: 'stats' },
      { type: 'invalid', line: 'not json' },
      { type: 'invalid', line: '[1]' },
      { type: 'invalid', line: '{"nocmd":1}' },
      { type: 'command', cmd: 'stop', why: 'test' },
      { type: 'end' },
    ]);
  });

  it.each([
    ['not JSON', 'nope\n', 'the first stdin line must be a JSON object: Expecting value: line 1 column 1 (char 0)'],
    ['not an object', '[1, 2]\n', 'the first stdin line must be a JSON object'],
    ['no line at all', '', 'the first stdin line must be a JSON object: Expecting value: line 1 column 1 (char 0)'],
  ])('a config line that is %s: one error record, exit 2', (_what, input, message) => {
    const r = run(input);
    expect(r.status).toBe(2);
    expect(r.events).toEqual([{ type: 'error', code: 'bad-config', message }]);
  });
});
