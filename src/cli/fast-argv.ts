/** A flag the fast start understands: a string (its value check, which throws on a bad value, and default) or a boolean switch. */
export interface FastFlag {
  parse?: (input: string) => string;
  default?: string;
  boolean?: true;
  /** flags it cannot be given with (oclif's exclusive) */
  exclusive?: readonly string[];
  /** flags it must be given with (oclif's dependsOn) */
  dependsOn?: readonly string[];
  /** a flag the command has but the fast start leaves to oclif (it calls AWS): given, argv goes to oclif */
  oclifOnly?: true;
}

export interface FastArgv {
  args: string[];
  /** strings by name; a boolean switch given is true */
  flags: Record<string, string | true>;
  json: boolean;
}

/**
 * argv as oclif parses it for a command of free arguments, string flags and switches — or undefined for
 * anything less plain (help, `--`, a short, unknown or repeated flag, a missing, empty or dash-led value,
 * a value its check refuses, a switch with a value, flags given together that exclude each other, a
 * flag without one it depends on),
 * which the caller hands to oclif for its exact behaviour and messages.
 */
export function parseFastArgv(argv: readonly string[], flags: Readonly<Record<string, FastFlag>>): FastArgv | undefined {
  const args: string[] = [];
  const values: Record<string, string | true> = {};
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-')) {
      args.push(arg);
      continue;
    }
    if (arg === '--json' && !json) {
      json = true;
      continue;
    }
    const match = /^--([a-z][a-z0-9-]*)(?:=(.*))?$/s.exec(arg);
    const name = match?.[1];
    if (name === undefined || !Object.hasOwn(flags, name) || Object.hasOwn(values, name) || flags[name]!.oclifOnly) return undefined;
    const inline = match![2];
    if (flags[name]!.boolean) {
      if (inline !== undefined) return undefined;
      values[name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('-'))) return undefined;
    try {
      values[name] = flags[name]!.parse?.(value) ?? value;
    } catch {
      return undefined;
    }
  }
  const given = Object.keys(values);
  if (given.some((name) => flags[name]!.exclusive?.some((other) => given.includes(other)) || flags[name]!.dependsOn?.some((other) => !given.includes(other)))) return undefined;
  for (const [name, flag] of Object.entries(flags)) if (flag.default !== undefined && !Object.hasOwn(values, name)) values[name] = flag.default;
  return { args, flags: values, json };
}
