/**
 * Byte-exact handshakes for the protocols without a server in the test environment (no Debian
 * package for Kafka or MongoDB). Each is written as hex with its structure, field by field.
 *
 * Honesty note: these were not captured from a live broker on this machine (none can run here);
 * they are assembled by hand to the published wire formats (Kafka protocol guide, MongoDB
 * OP_MSG and BSON specs), with the field values a real server sends. The request fixtures are
 * what the probes must send, byte for byte; the replies echo our fixed correlation/request id
 * (0x494f0001), as a server answering that request would.
 */

/** Parses the fixture notation: hex byte pairs, `#` comments to the end of the line. */
export function hex(text: string): Buffer {
  const digits = text.replace(/#.*$/gm, '').replace(/\s+/g, '');
  if (!/^([0-9a-f]{2})*$/i.test(digits)) throw new Error('bad hex fixture');
  return Buffer.from(digits, 'hex');
}

/** Kafka ApiVersions v0 request (what probeKafka must send). */
export const KAFKA_API_VERSIONS_REQUEST = hex(`
  00 00 00 22   # size: 34 bytes follow
  00 12         # api_key 18 = ApiVersions
  00 00         # api_version 0
  49 4f 00 01   # correlation_id 0x494f0001
  00 18         # client_id length 24
  69 6e 74 65 67 72 61 74 69 6f 6e 2d 6f 72 63 68 65 73 74 72 61 74 6f 72   # "integration-orchestrator"
                # (v0 has an empty body)
`);

/** Kafka ApiVersions v0 response of a 0.10.2-era broker: 21 API keys, 0-20. */
export const KAFKA_API_VERSIONS_RESPONSE = hex(`
  00 00 00 88   # size: 136 bytes follow
  49 4f 00 01   # correlation_id, echoed
  00 00         # error_code 0 (NONE)
  00 00 00 15   # api_versions array: 21 entries of (api_key int16, min_version int16, max_version int16)
  00 00 00 00 00 02   # Produce            v0-v2
  00 01 00 00 00 03   # Fetch              v0-v3
  00 02 00 00 00 01   # ListOffsets        v0-v1
  00 03 00 00 00 02   # Metadata           v0-v2
  00 04 00 00 00 00   # LeaderAndIsr       v0
  00 05 00 00 00 00   # StopReplica        v0
  00 06 00 00 00 03   # UpdateMetadata     v0-v3
  00 07 00 01 00 01   # ControlledShutdown v1
  00 08 00 00 00 02   # OffsetCommit       v0-v2
  00 09 00 00 00 02   # OffsetFetch        v0-v2
  00 0a 00 00 00 00   # GroupCoordinator   v0
  00 0b 00 00 00 01   # JoinGroup          v0-v1
  00 0c 00 00 00 00   # Heartbeat          v0
  00 0d 00 00 00 00   # LeaveGroup         v0
  00 0e 00 00 00 00   # SyncGroup          v0
  00 0f 00 00 00 00   # DescribeGroups     v0
  00 10 00 00 00 00   # ListGroups         v0
  00 11 00 00 00 00   # SaslHandshake      v0
  00 12 00 00 00 00   # ApiVersions        v0
  00 13 00 00 00 01   # CreateTopics       v0-v1
  00 14 00 00 00 00   # DeleteTopics       v0
`);

/** MongoDB OP_MSG hello request (what probeMongodb must send). */
export const MONGO_HELLO_REQUEST = hex(`
  34 00 00 00   # messageLength 52 (little-endian, like every integer here)
  01 00 4f 49   # requestID 0x494f0001
  00 00 00 00   # responseTo 0
  dd 07 00 00   # opCode 2013 OP_MSG
  00 00 00 00   # flagBits
  00            # section kind 0: body document
  1f 00 00 00   # document length 31
  10 68 65 6c 6c 6f 00 01 00 00 00          # int32 "hello": 1
  02 24 64 62 00 06 00 00 00 61 64 6d 69 6e 00   # string "$db": "admin"
  00            # end of document
`);

/** MongoDB 7.0 standalone's reply to hello (OP_MSG, one body section). */
export const MONGO_HELLO_REPLY = hex(`
  39 01 00 00  # messageLength 313
  11 7a 00 00  # requestID (the server's own)
  01 00 4f 49  # responseTo = our requestID 0x494f0001
  dd 07 00 00  # opCode 2013 OP_MSG
  00 00 00 00  # flagBits
  00  # section kind 0: body document
  24 01 00 00  # document length 292
  08 69 73 57 72 69 74 61 62 6c 65 50 72 69 6d 61 72 79 00 01  # isWritablePrimary (bool true)
  03 74 6f 70 6f 6c 6f 67 79 56 65 72 73 69 6f 6e 00 2d 00 00 00 07 70 72 6f 63 65 73 73 49 64 00 65 53 f1 a2 c3 d4 e5 f6 01 23 45 67 12 63 6f 75 6e 74 65 72 00 00 00 00 00 00 00 00 00 00  # topologyVersion (embedded doc: processId ObjectId, counter int64 0)
  10 6d 61 78 42 73 6f 6e 4f 62 6a 65 63 74 53 69 7a 65 00 00 00 00 01  # maxBsonObjectSize (int32 16777216)
  10 6d 61 78 4d 65 73 73 61 67 65 53 69 7a 65 42 79 74 65 73 00 00 6c dc 02  # maxMessageSizeBytes (int32 48000000)
  10 6d 61 78 57 72 69 74 65 42 61 74 63 68 53 69 7a 65 00 a0 86 01 00  # maxWriteBatchSize (int32 100000)
  09 6c 6f 63 61 6c 54 69 6d 65 00 00 68 e5 cf 8b 01 00 00  # localTime (UTC datetime 2023-11-14T22:13:20Z)
  10 6c 6f 67 69 63 61 6c 53 65 73 73 69 6f 6e 54 69 6d 65 6f 75 74 4d 69 6e 75 74 65 73 00 1e 00 00 00  # logicalSessionTimeoutMinutes (int32 30)
  10 63 6f 6e 6e 65 63 74 69 6f 6e 49 64 00 07 00 00 00  # connectionId (int32 7)
  10 6d 69 6e 57 69 72 65 56 65 72 73 69 6f 6e 00 00 00 00 00  # minWireVersion (int32 0)
  10 6d 61 78 57 69 72 65 56 65 72 73 69 6f 6e 00 15 00 00 00  # maxWireVersion (int32 21 = MongoDB 7.0)
  08 72 65 61 64 4f 6e 6c 79 00 00  # readOnly (bool false)
  01 6f 6b 00 00 00 00 00 00 00 f0 3f  # ok (double 1.0)
  00  # end of document
`);

/** The first 40 bytes of the hello reply, then nothing: a server that dies mid-answer. */
export const MONGO_HELLO_REPLY_TRUNCATED = MONGO_HELLO_REPLY.subarray(0, 40);

