// Sandbox throughput and latency on loopback: bare awsQuery/awsJson/restJson requests with a
// keep-alive agent against the default world (npm run bench builds dist/ first).
import { Agent, request } from 'node:http';
import { startSandbox } from '../dist/sandbox/index.js';

const sandbox = await startSandbox({ port: 0, speed: 150 });
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const scope = (service) => `AWS4-HMAC-SHA256 Credential=AKIDBENCH/20261126/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`;
const form = 'application/x-www-form-urlencoded';
const calls = {
  'sts GetCallerIdentity (awsQuery)': { path: '/', headers: { authorization: scope('sts'), 'content-type': form }, body: 'Action=GetCallerIdentity&Version=2011-06-15' },
  'cloudwatch DescribeAlarms (awsQuery)': { path: '/', headers: { authorization: scope('monitoring'), 'content-type': form }, body: 'Action=DescribeAlarms&Version=2010-08-01' },
  'cloudwatch DescribeAlarms (awsJson1_0)': {
    path: '/',
    headers: { authorization: scope('monitoring'), 'x-amz-target': 'GraniteServiceVersion20100801.DescribeAlarms', 'content-type': 'application/x-amz-json-1.0' },
    body: '{}',
  },
  'fis ListActions (restJson1)': { path: '/actions', method: 'GET', headers: { authorization: scope('fis') } },
};

function send(call) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(`${sandbox.url}${call.path}`, { method: call.method ?? 'POST', agent, headers: call.headers }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(call.body);
  });
}

const N = 4000;
const CONCURRENCY = 64;
for (const [name, call] of Object.entries(calls)) {
  const latencies = [];
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        next++;
        latencies.push(await send(call));
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(2);
  console.log(`${name.padEnd(42)} ${String(Math.round(N / seconds)).padStart(6)} req/s  p50 ${pct(50)} ms  p99 ${pct(99)} ms  (${N} requests, ${CONCURRENCY} in flight)`);
}
agent.destroy();
await sandbox.stop();
