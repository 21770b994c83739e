/**
 * SQS queues between services, one simulation step at a time: producers send `perRequest` messages per
 * successful request (plus the queue's outside producers), workers delete what they processed, and a
 * message whose processing failed stays in the queue (at-least-once delivery), so a dependency outage
 * shows as a growing backlog and an ageing oldest message.
 */
import type { WorldModel } from './model.js';
import type { StepTraffic } from './traffic.js';

export interface QueueStep {
  queue: string;
  at: number;
  sent: number;
  deleted: number;
  /** ApproximateNumberOfMessagesVisible after the step. */
  visible: number;
  /** ApproximateAgeOfOldestMessage after the step, seconds. */
  oldestAgeSeconds: number;
}

export function stepQueues(model: WorldModel, now: number, stepMs: number, traffic: ReadonlyMap<string, StepTraffic>): QueueStep[] {
  return [...model.queues.values()].map((queue) => {
    const name = queue.spec.name;
    let deleted = 0;
    for (const service of model.services) {
      if (service.spec.consumes !== name) continue;
      const t = traffic.get(service.spec.name);
      if (t !== undefined) deleted += t.requests - t.errors;
    }
    let remaining = deleted;
    while (remaining > 0 && queue.backlog.length > 0) {
      const oldest = queue.backlog[0]!;
      const taken = Math.min(oldest.count, remaining);
      oldest.count -= taken;
      remaining -= taken;
      if (oldest.count === 0) queue.backlog.shift();
    }
    let produced = ((queue.spec.messagesPerMinute ?? 0) * stepMs) / 60_000;
    for (const service of model.services) {
      for (const p of service.spec.produces ?? []) {
        const t = traffic.get(service.spec.name);
        if (p.queue === name && t !== undefined) produced += (t.requests - t.errors) * p.perRequest;
      }
    }
    const sent = Math.round(produced);
    if (sent > 0) queue.backlog.push({ at: now, count: sent });
    const visible = queue.backlog.reduce((n, b) => n + b.count, 0);
    return { queue: name, at: now, sent, deleted: deleted - remaining, visible, oldestAgeSeconds: queue.backlog.length === 0 ? 0 : (now - queue.backlog[0]!.at) / 1000 };
  });
}
