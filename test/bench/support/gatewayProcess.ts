import { createServer } from 'node:http';
import { deriveKeys } from '@remotegpu/common/keys';
import { createLogger } from '@remotegpu/common/logger';
import { MemoryStore } from '@remotegpu/common/store';
import { startGateway } from '@remotegpu/gateway/server';

// The gateway under benchmark, alone in its own process so that it does not share
// an event loop (or a heap, for the memory figures) with the clients measuring it.
// Driven over IPC: {secret, recordingsDir} in, {port} out; 'memory' -> figures.
// Reports go to a do-nothing stand-in for control inside this process.

interface Start { secret: string; recordingsDir: string }

process.once('message', async (msg: Start) => {
  const controlStandIn = createServer((req, res) => { req.resume(); req.on('end', () => res.end('{"code":0}')); });
  await new Promise<void>((r) => controlStandIn.listen(0, '127.0.0.1', r));
  const controlUrl = `http://127.0.0.1:${(controlStandIn.address() as { port: number }).port}`;
  const gateway = await startGateway({
    port: 0, host: '127.0.0.1', controlUrl, store: new MemoryStore(), keys: deriveKeys(msg.secret),
    recordingsDir: msg.recordingsDir, logger: createLogger('gateway-bench', 'silent'),
  });
  process.on('message', (m: string) => {
    if (m === 'memory') {
      for (let i = 0; i < 3; i++) (globalThis as { gc?: () => void }).gc?.();
      const u = process.memoryUsage();
      process.send!({ type: 'memory', rss: u.rss, heapUsed: u.heapUsed, external: u.external, arrayBuffers: u.arrayBuffers });
    } else if (m === 'stop') {
      void gateway.close().then(() => process.exit(0));
    }
  });
  process.send!({ type: 'ready', port: gateway.port });
});
