import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

export interface WebhookReceiver {
  server: Server;
  url: string;
  received: Received[];
  /** The bodies alone, in arrival order. */
  readonly bodies: string[];
}

/** Stands in for the integrator's system (the complainant's side of the API channel) that receives replies. */
export async function webhookReceiver(status: () => number = () => 200): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(status(), { 'content-type': 'application/json' }).end(JSON.stringify({ id: `remote-${received.length}-${randomUUID()}` }));
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    server, received, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    get bodies() { return received.map((r) => r.body); },
  };
}
