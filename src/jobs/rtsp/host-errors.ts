// The RTSP host's start-up failures as our typed errors: address problems are the user's (exit 2),
// a missing element exit 3 with its package, anything else exit 1.
import { JobError, UsageError, type LydlrError } from '../../errors.js';
import { missingElement } from '../../gst/launch/failure.js';
import type { HelperConfig, HelperEventOf } from './helper-events.js';

// The host's start-up error as ours: address problems are the user's (exit 2), a missing element exit 3.
export function startupError(event: HelperEventOf<'error'>, config: HelperConfig): LydlrError {
  const data = { code: event.code, host: config.host, port: config.port };
  switch (event.code) {
    case 'port-busy':
      return new UsageError(`Port ${config.port} is already in use (${config.host}:${config.port}).`, { fix: 'Choose another --port, or --port 0 for any free port.', data });
    case 'port-denied':
      return new UsageError(`Port ${config.port} needs privileges.`, { fix: 'Use a port above 1023 (8554 is RTSP\'s usual unprivileged port).', data });
    case 'bad-host':
      return new UsageError(`--host ${config.host}: ${event.message}.`, { fix: 'Use 127.0.0.1 (this machine), 0.0.0.0 (every interface) or an address of this machine.', data });
    case 'listen-failed':
      return new UsageError(`Cannot listen on ${config.host}:${config.port}: ${event.message}.`, { data });
    case 'bad-launch': {
      const element = /no element "([^"]+)"/.exec(event.message)?.[1];
      if (element) return missingElement(element);
      return new JobError(`The RTSP host refused a mount's pipeline: ${event.message}`, { data });
    }
    default:
      return new JobError(`The RTSP host could not start: ${event.message}`, { data });
  }
}
