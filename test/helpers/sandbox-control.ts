/** The sandbox's control API (docs/sandbox.md) from tests: plain HTTP + JSON on 127.0.0.1. */
export async function control<T = Record<string, unknown>>(url: string, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${url}/_sandbox/${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const json = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status} ${json.error ?? ''}`);
  return json;
}

export const advanceClock = (url: string, seconds: number) => control<{ now: string; speed: number }>(url, 'POST', 'clock', { advanceSeconds: seconds });

export const injectFault = (
  url: string,
  fault: { service: string; operation?: string; kind: 'throttle' | 'error500' | 'error503' | 'latency' | 'reset'; count?: number; forSeconds?: number; latencyMs?: number },
) => control(url, 'POST', 'faults', fault);

export const clearFaults = (url: string) => control(url, 'DELETE', 'faults');
