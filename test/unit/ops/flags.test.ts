// The values --metrics and the hook flags take: parsed, or refused with a message naming the flag.
import { describe, expect, it } from 'vitest';
import { parseListenAddress } from '../../../src/ops/address.js';
import { commandWords } from '../../../src/ops/command-words.js';

describe('--metrics HOST:PORT', () => {
  it.each([
    ['127.0.0.1:9464', { host: '127.0.0.1', port: 9464 }],
    ['0.0.0.0:0', { host: '0.0.0.0', port: 0 }],
    ['[::1]:9464', { host: '::1', port: 9464 }],
    [':9464', { host: '127.0.0.1', port: 9464 }],
    ['9464', { host: '127.0.0.1', port: 9464 }],
  ])('%s', (text, address) => expect(parseListenAddress(text)).toEqual(address));

  it.each(['localhost', '127.0.0.1:70000', 'a:b', ''])('refuses "%s"', (text) => expect(() => parseListenAddress(text)).toThrow(/--metrics must be HOST:PORT/));
});

describe('hook commands split into words without a shell', () => {
  it.each([
    ['notify-send ready', ['notify-send', 'ready']],
    [`sh -c 'echo "$LYDLR_URL" >> log'`, ['sh', '-c', 'echo "$LYDLR_URL" >> log']],
    [`/opt/my\\ hooks/run "a b" ''`, ['/opt/my hooks/run', 'a b', '']],
    ['  spaced   out  ', ['spaced', 'out']],
  ])('%s', (text, words) => expect(commandWords(text)).toEqual(words));

  it('refuses an open quote and an empty command', () => {
    expect(() => commandWords(`sh -c 'oops`)).toThrow(/unterminated ' quote/);
    expect(() => commandWords('   ')).toThrow(/cannot be empty/);
  });
});
