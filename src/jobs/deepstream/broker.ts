// --broker URLs → nvmsgbroker's protocol adapter (proto-lib), conn-str and topic, as DeepStream ships them.
import { join } from 'node:path';
import { UsageError } from '../../errors.js';

export const BROKER_PROTOCOLS = ['kafka', 'amqp', 'redis', 'mqtt', 'azure'] as const;
export type BrokerProtocol = (typeof BROKER_PROTOCOLS)[number];

/** The adapter library each protocol uses, under <deepstream>/lib/. */
export const PROTO_LIBS: Record<BrokerProtocol, string> = {
  kafka: 'libnvds_kafka_proto.so',
  amqp: 'libnvds_amqp_proto.so',
  redis: 'libnvds_redis_proto.so',
  mqtt: 'libnvds_mqtt_proto.so',
  azure: 'libnvds_azure_proto.so',
};

const DEFAULT_PORTS: Partial<Record<BrokerProtocol, number>> = { kafka: 9092, amqp: 5672, redis: 6379, mqtt: 1883 };
const NEEDS_TOPIC = new Set<BrokerProtocol>(['kafka', 'mqtt']);

export const BROKER_FORMS = [
  'kafka://HOST[:PORT]/TOPIC',
  'mqtt://HOST[:PORT]/TOPIC',
  'amqp://[USER[:PASSWORD]@]HOST[:PORT][/TOPIC]',
  'redis://HOST[:PORT][/STREAM]',
  'azure://[DEVICE CONNECTION STRING] (or the string in --broker-config)',
];

export interface BrokerTarget {
  protocol: BrokerProtocol;
  /** File name of the adapter; resolved against <deepstream>/lib by protoLibPath(). */
  protoLib: string;
  /** nvmsgbroker conn-str ("host;port", AMQP "host;port;user[;password]"); undefined: from --broker-config. */
  connStr: string | undefined;
  topic: string | undefined;
  /** The URL with any password hidden, for display. */
  display: string;
}

export function protoLibPath(deepstreamPath: string, broker: BrokerTarget): string {
  return join(deepstreamPath, 'lib', broker.protoLib);
}

// One --broker value to a target; a malformed one throws a UsageError listing the accepted forms.
export function parseBroker(url: string): BrokerTarget {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
  const protocol = BROKER_PROTOCOLS.find((p) => p === scheme);
  if (!protocol) throw badBroker(url, scheme ? `unknown protocol "${scheme}"` : 'not a URL');
  if (protocol === 'azure') {
    const connection = url.slice('azure://'.length);
    return { protocol, protoLib: PROTO_LIBS.azure, connStr: connection || undefined, topic: undefined, display: connection ? 'azure://…' : 'azure://' };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw badBroker(url, 'not a valid URL');
  }
  const host = parsed.hostname;
  if (!host) throw badBroker(url, 'no host');
  const port = parsed.port ? Number(parsed.port) : DEFAULT_PORTS[protocol]!;
  const topic = decodeURIComponent(parsed.pathname.replace(/^\/+/, '')) || undefined;
  if (!topic && NEEDS_TOPIC.has(protocol)) throw badBroker(url, `${protocol} needs a topic (${protocol}://host:port/TOPIC)`);
  const parts = [host, String(port)];
  if (protocol === 'amqp') {
    parts.push(decodeURIComponent(parsed.username) || 'guest');
    if (parsed.password) parts.push(decodeURIComponent(parsed.password));
  }
  if (parts.some((p) => p.includes(';'))) throw badBroker(url, 'no part of it may contain ";" (nvmsgbroker splits conn-str there); put credentials in --broker-config');
  const display = parsed.password ? url.replace(`:${parsed.password}@`, ':***@') : url;
  return { protocol, protoLib: PROTO_LIBS[protocol], connStr: parts.join(';'), topic, display };
}

function badBroker(url: string, reason: string): UsageError {
  return new UsageError(`Invalid --broker "${url}": ${reason}.`, {
    fix: `Use one of: ${BROKER_FORMS.join('; ')}.`,
    data: { broker: url, accepted: BROKER_FORMS },
  });
}
