// The Redis a queue lives on: the --redis URL checked, and one PING before BullMQ gets it. BullMQ
// retries an unreachable Redis forever (a hang and a log flood), so reachability is ours to check:
// unreachable is exit 3 with the fix, a malformed URL exit 2.
import { Redis } from 'ioredis';
import { EnvironmentError, UsageError } from '../errors.js';

export const DEFAULT_QUEUE = 'lydlr-gst';
const CONNECT_TIMEOUT_MS = 3000;

export interface QueueTarget {
  /** The URL as given (its password never goes into results or logs). */
  url: string;
  queue: string;
}

/** Where Redis is, in the shape both ioredis and BullMQ take. */
export interface RedisAddress {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls?: Record<string, never>;
  maxRetriesPerRequest: null;
}

/** The connection options for a redis:// or rediss:// URL. */
export function redisOptions(url: string): RedisAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UsageError(`--redis must be a URL like redis://HOST:PORT, got "${url}"`, { fix: 'Give --redis redis://127.0.0.1:6379 (rediss:// for TLS).' });
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new UsageError(`--redis must start with redis:// or rediss://, got "${url}"`, { fix: 'Give --redis redis://HOST:PORT.' });
  }
  const db = parsed.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new UsageError(`--redis: the path must be a database number, got "/${db}"`);
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(db ? { db: Number(db) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    // BullMQ's blocking commands need this; its own connections set it too.
    maxRetriesPerRequest: null,
  };
}

/** The URL without its password, for messages and results. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

// One PING with no retries: resolves when Redis answers, else throws exit 3 saying how to fix it.
export async function checkReachable(url: string): Promise<void> {
  const client = new Redis({ ...redisOptions(url), lazyConnect: true, connectTimeout: CONNECT_TIMEOUT_MS, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  // The socket's error (ECONNREFUSED…) says more than connect()'s "Connection is closed".
  let socketError: Error | undefined;
  client.on('error', (error: Error) => void (socketError ??= error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new EnvironmentError(`Redis is not reachable at ${safeUrl(url)}: ${(socketError ?? (error as Error)).message}`, {
      fix: 'Start Redis ≥ 6.2 there (e.g. apt-get install -y redis-server), or give the right --redis redis://HOST:PORT.',
      cause: error,
    });
  } finally {
    client.disconnect();
  }
}
