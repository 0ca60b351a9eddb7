import type { Parsed } from '../connection';
import { foreignReply } from '../sniff';
import { runProbe } from '../runProbe';
import type { Probe } from '../types';

const API_VERSIONS_KEY = 18;
/** One request per connection, so a constant id is enough to match the answer (and keeps requests byte-exact). */
export const KAFKA_CORRELATION_ID = 0x494f0001;
const CLIENT_ID = 'integration-orchestrator';

/** ApiVersions v0: size, api_key 18, api_version 0, correlation_id, client_id (int16-length string), empty body. */
export function apiVersionsRequest(): Buffer {
  const clientId = Buffer.from(CLIENT_ID, 'utf8');
  const header = Buffer.alloc(4 + 2 + 2 + 4 + 2);
  header.writeInt32BE(2 + 2 + 4 + 2 + clientId.length, 0);
  header.writeInt16BE(API_VERSIONS_KEY, 4);
  header.writeInt16BE(0, 6);
  header.writeInt32BE(KAFKA_CORRELATION_ID, 8);
  header.writeInt16BE(clientId.length, 12);
  return Buffer.concat([header, clientId]);
}

export interface ApiVersionsResponse {
  errorCode: number;
  apis: Array<{ key: number; min: number; max: number }>;
}

/** Parses the ApiVersions v0 response: size, correlation_id, error_code, [api_key, min, max]. */
export function parseApiVersionsResponse(buffer: Buffer): Parsed<ApiVersionsResponse> {
  if (buffer.length < 8) return undefined;
  const size = buffer.readInt32BE(0);
  if (size < 6 || size > 1024 * 1024 || buffer.readInt32BE(4) !== KAFKA_CORRELATION_ID) throw foreignReply('Kafka', buffer);
  if (buffer.length < 4 + size) return undefined;
  const errorCode = buffer.readInt16BE(8);
  const apis: ApiVersionsResponse['apis'] = [];
  if (size >= 10) {
    const count = buffer.readInt32BE(10);
    for (let i = 0, at = 14; i < count && at + 6 <= 4 + size; i++, at += 6) {
      apis.push({ key: buffer.readInt16BE(at), min: buffer.readInt16BE(at + 2), max: buffer.readInt16BE(at + 4) });
    }
  }
  return { value: { errorCode, apis }, length: 4 + size };
}

/** Sends ApiVersions v0, which every broker since 0.10 answers before any authentication. */
export const probeKafka: Probe = (options) => runProbe(options, async (context) => {
  const connection = await context.connect('Kafka');
  connection.write(apiVersionsRequest());
  const response = await connection.read('the Kafka ApiVersions response', parseApiVersionsResponse);
  if (response.errorCode !== 0) {
    return { status: 'degraded', detail: `Kafka broker answered ApiVersions with error code ${response.errorCode}` };
  }
  const fetch = response.apis.find((api) => api.key === 1);
  return {
    status: 'healthy',
    detail: `Kafka broker answered ApiVersions: ${response.apis.length} APIs${fetch ? `, Fetch v${fetch.min}–v${fetch.max}` : ''}`,
  };
});
