import { createServer, type Server } from 'node:http';

export interface UpstreamSettings {
  /** Share of requests that fail with 503, 0..1. */
  failureRate: number;
  /** Added latency per request, ms. */
  latencyMs: number;
}

/**
 * A payment provider that is as unreliable as you make it: failure rate and latency can be changed while it runs,
 * so you can watch the breaker in front of it open, and a config change from the control plane take effect.
 */
export class FlakyUpstream {
  readonly settings: UpstreamSettings = { failureRate: 0, latencyMs: 20 };
  private server: Server | undefined;
  url = '';

  async start(port = 0): Promise<void> {
    const server = createServer((request, response) => {
      const { failureRate, latencyMs } = this.settings;
      setTimeout(() => {
        if (Math.random() < failureRate) {
          response.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"upstream unavailable"}');
          return;
        }
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"charged":true}');
      }, latencyMs);
      request.resume();
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const address = server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : port}`;
    this.server = server;
  }

  update(next: Partial<UpstreamSettings>): UpstreamSettings {
    if (next.failureRate !== undefined) this.settings.failureRate = Math.min(1, Math.max(0, next.failureRate));
    if (next.latencyMs !== undefined) this.settings.latencyMs = Math.min(60_000, Math.max(0, next.latencyMs));
    return this.settings;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
