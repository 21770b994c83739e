import { dirname, isAbsolute, resolve } from 'node:path';
import type { Diagnostic } from '../scenario/diagnostics.js';
import { parseYamlText } from '../yaml/load-document.js';
import { closestMatch } from '../yaml/did-you-mean.js';
import { durationSeconds } from '../duration.js';
import { DEFAULT_DUE_POLICY, type DuePolicy } from '../actions/action-items.js';

/** The file a team commits at its repository root to set gameday's defaults once. */
export const PROJECT_CONFIG_FILE = 'gameday.config.yaml';

/**
 * A team's defaults. Paths are absolute (resolved against the config file's directory, so the file
 * means the same from any working directory); flags given on the command line override each field.
 */
export interface ProjectConfig {
  /** The config file these came from. */
  file: string;
  /** Where runs are written and looked up (every `--reports-dir`). */
  reportsDir?: string;
  /** The sandbox world used when neither `--world` nor the scenario's spec.sandbox.world names one. */
  world?: string;
  /** Web address of the repository, for links from reports to runbooks and scenarios (e.g. https://github.com/acme/shop). */
  repositoryUrl?: string;
  /** Branch or ref those links point at (default main). */
  repositoryRef?: string;
  /** Who owns the game days of this repository when a scenario or runbook names nobody (names or handles). */
  owners?: string[];
  /** Days from opening an action item to its due date, per severity (each defaults to DEFAULT_DUE_POLICY's). */
  actionItems?: { due: DuePolicy };
}

const FIELDS = ['$schema', 'reportsDir', 'world', 'repositoryUrl', 'repositoryRef', 'owners', 'actionItems'] as const;
const SEVERITIES = Object.keys(DEFAULT_DUE_POLICY) as (keyof DuePolicy)[];
const DUE_EXAMPLE = 'actionItems: { due: { critical: P7D, high: P30D, medium: P90D, low: P180D } }';

export type ProjectConfigResult = { ok: true; config: ProjectConfig } | { ok: false; diagnostics: Diagnostic[] };

/** Parses and checks a config file's bytes; every problem a Diagnostic at its line. */
export function parseProjectConfig(file: string, bytes: Uint8Array): ProjectConfigResult {
  // An empty file (or only comments) is a config that sets nothing.
  if (Buffer.from(bytes).toString('utf8').split('\n').every((line) => /^\s*(#.*)?$/.test(line))) return { ok: true, config: { file } };
  const doc = parseYamlText(file, bytes);
  if (!doc.ok) return { ok: false, diagnostics: doc.diagnostics };
  const diagnostics: Diagnostic[] = [];
  const error = (path: (string | number)[], code: string, message: string, hint?: string, key = false): void => {
    const { line, col } = doc.locate(path, { key });
    diagnostics.push({ file, line, col, severity: 'error', code, message, ...(hint ? { hint } : {}) });
  };
  const value = doc.value;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    error([], 'CONFIG_INVALID', `${PROJECT_CONFIG_FILE} must be a mapping of settings`, `settings: ${FIELDS.slice(1).join(', ')}`);
    return { ok: false, diagnostics };
  }
  const raw = value as Record<string, unknown>;
  const base = dirname(file);
  const config: ProjectConfig = { file };
  for (const [key, field] of Object.entries(raw)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      const near = closestMatch(key, FIELDS);
      error([key], 'UNKNOWN_FIELD', `unknown setting "${key}"`, near ? `did you mean "${near}"?` : `settings: ${FIELDS.slice(1).join(', ')}`, true);
      continue;
    }
    if (key === '$schema') continue;
    if (key === 'actionItems') {
      const due = dueSetting(field, (path, code, message, hint, asKey) => error([key, ...path], code, message, hint, asKey));
      if (due) config.actionItems = { due };
      continue;
    }
    if (key === 'owners') {
      if (!Array.isArray(field) || field.length === 0 || !field.every((o) => typeof o === 'string' && o.trim() !== '')) {
        error([key], 'CONFIG_INVALID', 'owners must be a list of names or handles', 'owners: ["@acme/checkout-sre"]');
      } else config.owners = field.map((o: string) => o.trim());
      continue;
    }
    if (typeof field !== 'string' || field.trim() === '') {
      error([key], 'CONFIG_INVALID', `${key} must be a non-empty string`);
      continue;
    }
    if (key === 'repositoryUrl') {
      if (!/^https?:\/\/[^\s/]+\/\S*$/.test(field)) error([key], 'CONFIG_INVALID', `repositoryUrl "${field}" is not a web address`, 'e.g. https://github.com/acme/shop');
      else config.repositoryUrl = field.replace(/\/+$/, '');
    } else if (key === 'repositoryRef') config.repositoryRef = field;
    else if (key === 'reportsDir') config.reportsDir = isAbsolute(field) ? field : resolve(base, field);
    else if (key === 'world') config.world = isAbsolute(field) ? field : resolve(base, field);
  }
  return diagnostics.length > 0 ? { ok: false, diagnostics } : { ok: true, config };
}

type Report = (path: (string | number)[], code: string, message: string, hint?: string, key?: boolean) => void;

/** actionItems.due: a whole number of days (P30D, P4W) per severity; severities not named keep their default. */
function dueSetting(field: unknown, error: Report): DuePolicy | undefined {
  const mapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  if (!mapping(field) || Object.keys(field).some((k) => k !== 'due') || !mapping(field.due)) {
    const unknown = mapping(field) ? Object.keys(field).find((k) => k !== 'due') : undefined;
    if (unknown) error([unknown], 'UNKNOWN_FIELD', `unknown setting "actionItems.${unknown}"`, DUE_EXAMPLE, true);
    else error(mapping(field) ? ['due'] : [], 'CONFIG_INVALID', 'actionItems.due must map severities to durations', DUE_EXAMPLE);
    return undefined;
  }
  const due: DuePolicy = { ...DEFAULT_DUE_POLICY };
  let ok = true;
  for (const [severity, value] of Object.entries(field.due)) {
    if (!(SEVERITIES as string[]).includes(severity)) {
      const near = closestMatch(severity, SEVERITIES);
      error(['due', severity], 'UNKNOWN_FIELD', `unknown severity "${severity}"`, near ? `did you mean "${near}"?` : `severities: ${SEVERITIES.join(', ')}`, true);
      ok = false;
      continue;
    }
    const seconds = typeof value === 'string' ? durationSeconds(value) : undefined;
    if (seconds === undefined || seconds <= 0 || seconds % 86_400 !== 0) {
      error(['due', severity], 'CONFIG_INVALID', `actionItems.due.${severity} must be a whole number of days as an ISO 8601 duration`, 'e.g. P30D or P2W');
      ok = false;
      continue;
    }
    due[severity as keyof DuePolicy] = seconds / 86_400;
  }
  return ok ? due : undefined;
}
