import { describe, expect, it } from 'vitest';
import { redisOptions, safeUrl } from '../../../src/queue/connection.js';
import { UsageError } from '../../../src/errors.js';

describe('redisOptions', () => {
  it('reads host, port, user, password and database from a redis:// URL', () => {
    expect(redisOptions('redis://worker:p%40ss@queue.example:6380/2')).toEqual({
      host: 'queue.example', port: 6380, username: 'worker', password: 'p@ss', db: 2, maxRetriesPerRequest: null,
    });
  });

  it('defaults the port to 6379 and turns TLS on for rediss://', () => {
    expect(redisOptions('rediss://queue.example')).toMatchObject({ host: 'queue.example', port: 6379, tls: {} });
  });

  it.each(['queue.example:6379', 'http://queue.example', 'redis://host/notanumber'])('refuses %s as a usage error', (url) => {
    expect(() => redisOptions(url)).toThrow(UsageError);
  });
});

describe('safeUrl', () => {
  it('hides the password', () => {
    expect(safeUrl('redis://worker:secret@queue.example:6379')).toBe('redis://worker:***@queue.example:6379');
  });
});
