import { ProbeAbortedError, ProbeError } from './errors';
import type { ProbeOptions, ProbeOutcome } from './types';

/** OpenSSL verification codes → words. The code is kept in the detail so it can be searched. */
const CERTIFICATE_PROBLEMS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate signed by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT: 'certificate signed by an unknown authority',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate signed by an unknown authority',
  CERT_HAS_EXPIRED: 'certificate expired',
  CERT_NOT_YET_VALID: 'certificate not yet valid',
  CERT_REVOKED: 'certificate revoked',
  CERT_SIGNATURE_FAILURE: 'certificate signature invalid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'certificate is for another host name',
  INVALID_CA: 'invalid CA certificate',
};

/** Turns whatever a probe threw into the status and one-line detail a person reads. */
export function describeFailure(error: unknown, options: ProbeOptions): ProbeOutcome {
  if (error instanceof ProbeAbortedError) return { status: 'unknown', detail: 'cancelled' };
  if (error instanceof ProbeError) return { status: 'unhealthy', detail: error.message };
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  const where = `${options.host}:${options.port}`;
  const certificate = CERTIFICATE_PROBLEMS[code];
  if (certificate) return { status: 'unhealthy', detail: `TLS certificate problem: ${certificate} (${code})` };
  switch (code) {
    case 'ECONNREFUSED': return { status: 'unhealthy', detail: `connection refused: nothing listens on ${where}` };
    case 'ENOTFOUND': return { status: 'unhealthy', detail: `host not found: ${options.host}` };
    case 'EAI_AGAIN': return { status: 'unhealthy', detail: `DNS lookup failed for ${options.host} (EAI_AGAIN)` };
    case 'EHOSTUNREACH':
    case 'ENETUNREACH': return { status: 'unhealthy', detail: `host unreachable: ${where} (${code})` };
    case 'ECONNRESET': return { status: 'unhealthy', detail: 'connection reset by the server' };
    case 'EPIPE': return { status: 'unhealthy', detail: 'connection closed by the server while the probe was writing' };
    case 'ERR_SSL_WRONG_VERSION_NUMBER':
    case 'ERR_SSL_PACKET_LENGTH_TOO_LONG':
      return { status: 'unhealthy', detail: `TLS handshake failed: the server does not speak TLS on ${where} (${code})` };
    default:
      if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) return { status: 'unhealthy', detail: `TLS handshake failed: ${message} (${code})` };
      return { status: 'unhealthy', detail: code ? `${message} (${code})` : message };
  }
}
