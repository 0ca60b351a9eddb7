/**
 * Tiny in-process TCP/TLS/HTTP servers for protocol and fault tests. Each closes every socket
 * it accepted on `close()`, so no test leaves a connection (or the event loop) hanging.
 */
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

export interface FakeServer {
  port: number;
  /** Bytes each accepted connection sent, in order of connection. */
  received: Buffer[];
  close(): Promise<void>;
}

type Closable = net.Server | http.Server | http2.Http2Server;

async function listenOn(server: Closable): Promise<number> {
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  return (server.address() as net.AddressInfo).port;
}

function closer(server: Closable, sockets: Set<{ destroy(): void }>): () => Promise<void> {
  return async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}

/** A TCP server; `onConnection` decides what each connection does. Records what clients send. */
export async function tcpServer(onConnection: (socket: net.Socket, received: () => Buffer) => void): Promise<FakeServer> {
  const sockets = new Set<net.Socket>();
  const received: Buffer[] = [];
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const index = received.push(Buffer.alloc(0)) - 1;
    socket.on('data', (chunk) => { received[index] = Buffer.concat([received[index]!, chunk]); });
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    onConnection(socket, () => received[index]!);
  });
  const port = await listenOn(server);
  return { port, received, close: closer(server, sockets) };
}

/** Calls `reply` once the client has sent at least `bytes` bytes. */
export function afterBytes(socket: net.Socket, received: () => Buffer, bytes: number, reply: () => void): void {
  const check = () => {
    if (received().length >= bytes) {
      socket.off('data', check);
      reply();
    }
  };
  socket.on('data', check);
}

/** A TLS server with the given certificate; `onConnection` as for tcpServer. */
export async function tlsServer(key: string, cert: string, onConnection: (socket: tls.TLSSocket) => void): Promise<FakeServer> {
  const sockets = new Set<net.Socket>();
  const server = tls.createServer({ key, cert }, (socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    onConnection(socket);
  });
  server.on('tlsClientError', () => undefined);
  server.on('connection', (socket: net.Socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
  const port = await listenOn(server);
  return { port, received: [], close: closer(server, sockets) };
}

/** An HTTP(S) server with a request handler. */
export async function httpServer(
  handler: http.RequestListener, tlsOptions?: { key: string; cert: string },
): Promise<FakeServer & { requests: Array<{ path: string; authorization?: string }> }> {
  const sockets = new Set<net.Socket>();
  const requests: Array<{ path: string; authorization?: string }> = [];
  const listener: http.RequestListener = (request, response) => {
    requests.push({ path: request.url ?? '', ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}) });
    handler(request, response);
  };
  const server = tlsOptions ? https.createServer(tlsOptions, listener) : http.createServer(listener);
  server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
  server.on('tlsClientError', () => undefined);
  const port = await listenOn(server);
  return { port, received: [], requests, close: closer(server, sockets) };
}

/** An h2c server (HTTP/2 without TLS), as gRPC servers run in development. */
export async function http2Server(onStream: (stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders, body: Promise<Buffer>) => void): Promise<FakeServer> {
  const sessions = new Set<http2.Http2Session>();
  const server = http2.createServer();
  server.on('session', (session) => { sessions.add(session); session.on('close', () => sessions.delete(session)); });
  server.on('stream', (stream, headers) => {
    const chunks: Buffer[] = [];
    const body = new Promise<Buffer>((resolve) => {
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => resolve(Buffer.concat(chunks)));
    });
    stream.on('error', () => undefined);
    onStream(stream, headers, body);
  });
  const port = await listenOn(server);
  return { port, received: [], close: closer(server, sessions) };
}

/** A port that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
