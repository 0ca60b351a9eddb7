import { probeAmqp } from './protocols/amqp';
import { probeGrpc } from './protocols/grpc';
import { probeHttp } from './protocols/http';
import { probeKafka } from './protocols/kafka';
import { probeMongodb } from './protocols/mongodb';
import { probeMysql } from './protocols/mysql';
import { probeNats } from './protocols/nats';
import { probePostgres } from './protocols/postgres';
import { probeRedis } from './protocols/redis';
import { probeSmtp } from './protocols/smtp';
import { probeTcp } from './protocols/tcp';
import type { Probe, ProbeOptions, ProbeProtocol, ProbeResult } from './types';

/** Every protocol's probe, by the protocol names targets use. */
export const PROBES: Readonly<Record<ProbeProtocol, Probe>> = {
  http: probeHttp,
  postgres: probePostgres,
  mysql: probeMysql,
  redis: probeRedis,
  amqp: probeAmqp,
  kafka: probeKafka,
  mongodb: probeMongodb,
  nats: probeNats,
  smtp: probeSmtp,
  grpc: probeGrpc,
  tcp: probeTcp,
};

export function probe(protocol: ProbeProtocol, options: ProbeOptions): Promise<ProbeResult> {
  return PROBES[protocol](options);
}
