import { type Server, createServer, request as httpRequest } from 'node:http';
import type { Exchange } from './botocore-model.js';

/** An HTTP proxy on 127.0.0.1 in front of `target` that records every request and its response, leaving out the response headers named in `drop`. */
export async function recordingProxy(target: string, options: { drop?: string[] } = {}): Promise<{ url: string; exchanges: Exchange[]; close(): Promise<void> }> {
  const exchanges: Exchange[] = [];
  const upstream = new URL(target);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const requestBody = Buffer.concat(chunks);
      const forward = httpRequest({ hostname: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
        const back: Buffer[] = [];
        up.on('data', (c: Buffer) => back.push(c));
        up.on('end', () => {
          const url = new URL(req.url ?? '/', 'http://127.0.0.1');
          const responseBody = Buffer.concat(back);
          const errorType = up.headers['x-amzn-errortype'];
          exchanges.push({
            method: req.method ?? 'GET',
            path: url.pathname,
            query: url.searchParams,
            requestBody: requestBody.toString('utf8'),
            status: up.statusCode ?? 0,
            ...(typeof errorType === 'string' ? { errorType: errorType.split(':')[0]! } : {}),
            responseBody: responseBody.toString('utf8'),
          });
          const headers = Object.fromEntries(Object.entries(up.headers).filter(([name]) => !options.drop?.includes(name)));
          res.writeHead(up.statusCode ?? 502, headers);
          res.end(responseBody);
        });
      });
      forward.on('error', () => res.destroy());
      forward.end(requestBody);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, exchanges, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
