/** The closest known name to a misspelt one, when it is close enough to be a likely typo. */
export function didYouMean(input: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(input.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  // A whole-word replacement (b → a) is no typo.
  return bestDistance <= Math.max(1, Math.floor(best.length / 3)) && bestDistance < Math.max(input.length, best.length) ? best : undefined;
}

/**
 * A suggestion for an unknown FIS identifier (aws:service:name): only a near-miss of a known one of the
 * same service, compared on the name part, so a different action or resource type (aws:ec2:instance
 * for aws:ec2:spot-instance) is never offered as the fix.
 */
export function didYouMeanSameKind(input: string, known: Iterable<string>): string | undefined {
  const [prefix, name] = splitIdentifier(input);
  const candidates = new Map<string, string>();
  for (const candidate of known) {
    const [candidatePrefix, candidateName] = splitIdentifier(candidate);
    if (candidatePrefix.toLowerCase() === prefix.toLowerCase()) candidates.set(candidateName, candidate);
  }
  const guess = didYouMean(name, candidates.keys());
  return guess === undefined ? undefined : candidates.get(guess);
}

function splitIdentifier(id: string): [string, string] {
  const at = id.lastIndexOf(':');
  return at < 0 ? ['', id] : [id.slice(0, at), id.slice(at + 1)];
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
}
