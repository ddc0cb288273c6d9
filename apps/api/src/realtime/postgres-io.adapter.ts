import { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/postgres-adapter';
import { Pool } from 'pg';
import { Server, ServerOptions } from 'socket.io';

/**
 * socket.io on the Postgres adapter: broadcasts, presence and room queries
 * reach the sockets of every api replica through NOTIFY on the same
 * database, so no other service is needed.
 */
export class PostgresIoAdapter extends IoAdapter {
  private readonly pool: Pool;

  constructor(app: INestApplicationContext, databaseUrl: string) {
    super(app);
    // The adapter holds one LISTEN connection and publishes through short queries.
    this.pool = new Pool({ connectionString: databaseUrl, max: 4 });
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server: Server = super.createIOServer(port, { ...options, serveClient: false, maxHttpBufferSize: 64 * 1024 });
    server.adapter(createAdapter(this.pool, { heartbeatInterval: 2_000, heartbeatTimeout: 5_000, errorHandler: () => undefined }));
    // socket.io 4.8.1 (the version Nest 11 pins) does not start a new adapter itself; without the first heartbeat replicas never meet.
    void Promise.resolve(server.of('/').adapter.init()).catch(() => undefined);
    return server;
  }

  override async close(server: Server): Promise<void> {
    await super.close(server);
    await this.pool.end().catch(() => undefined);
  }
}
