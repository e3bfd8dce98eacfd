// --metrics HOST:PORT: where a job's Prometheus endpoint listens.
import { FlagValueError, textValue } from '../jobs/flags.js';

export interface ListenAddress {
  host: string;
  /** 0 = any free port (the ready event says which). */
  port: number;
}

// `127.0.0.1:9464`, `0.0.0.0:9464`, `[::1]:9464`, or `:9464` / `9464` for 127.0.0.1.
export const parseListenAddress = textValue((value: string): ListenAddress => {
  const m = /^(?:(?:\[([^\]]+)\]|([^:[\]]*)):)?(\d+)$/.exec(value.trim());
  const port = m ? Number(m[3]) : NaN;
  if (!m || !Number.isInteger(port) || port > 65535) {
    throw new FlagValueError(`--metrics must be HOST:PORT (e.g. 127.0.0.1:9464, or :0 for any free port), got "${value}"`);
  }
  return { host: m[1] ?? (m[2] || '127.0.0.1'), port };
});
