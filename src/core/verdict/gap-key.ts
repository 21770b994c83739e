import type { Gap } from './types.js';

/** What makes two runs' gaps the same gap: its kind and subject (the title when it has none). */
export function gapKey(gap: Pick<Gap, 'kind' | 'subject' | 'title'>): string {
  return `${gap.kind}:${gap.subject ?? gap.title}`;
}
