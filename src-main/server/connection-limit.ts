import type http from 'node:http';
import type { Socket } from 'node:net';
import { rawError } from './replies.js';

/**
 * Answers a connection beyond `max` open ones with a 503 and closes it, before the HTTP parser
 * reads anything from it. Returns the refused sockets, for the request and error handlers to
 * leave alone.
 */
export function limitConnections(server: http.Server, max: number): WeakSet<Socket> {
  const refused = new WeakSet<Socket>();
  let open = 0;
  server.prependListener('connection', (socket: Socket) => {
    open++;
    socket.once('close', () => open--);
    if (open <= max) return;
    refused.add(socket);
    const message = `Release Desk is already serving ${max} connections; try again in a moment.`;
    socket.end(rawError(503, 'Service Unavailable', 'refused', message), () => socket.destroy());
    // A peer that never reads the answer does not keep its place.
    socket.setTimeout(2000, () => socket.destroy());
  });
  return refused;
}
