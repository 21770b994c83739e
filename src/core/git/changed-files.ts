import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { GamedayError } from '../errors.js';

interface GitResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

function git(args: string[], cwd: string): Promise<GitResult> {
  return new Promise((done) => {
    execFile('git', args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
        done({ ok: false, stdout: '', stderr: 'git is not installed (or not on PATH)' });
        return;
      }
      done({ ok: !error, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/**
 * Absolute paths of files changed since `ref`: committed on this branch since it forked from ref
 * (`git diff ref...HEAD`, as a pull request shows it), plus staged, unstaged and untracked files.
 */
export async function changedFilesSince(ref: string, cwd: string = process.cwd()): Promise<string[]> {
  const top = await git(['rev-parse', '--show-toplevel'], cwd);
  if (!top.ok) {
    throw new GamedayError('USAGE', `--changed-since needs a git repository, and ${cwd} is not in one (${firstLine(top.stderr)})`, {
      hint: 'run gameday plan inside the repository checkout, or list the scenarios to plan instead',
    });
  }
  const root = top.stdout.trim();
  const verified = await git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], root);
  if (!verified.ok) {
    throw new GamedayError('USAGE', `--changed-since ${ref}: no such commit, branch or tag in ${root}`, {
      hint: 'in CI, fetch the base branch first (actions/checkout with fetch-depth: 0), e.g. --changed-since origin/main',
    });
  }
  const lists = await Promise.all([
    git(['diff', '--name-only', '-z', `${ref}...HEAD`], root),
    git(['diff', '--name-only', '-z', 'HEAD'], root),
    git(['ls-files', '--others', '--exclude-standard', '-z'], root),
  ]);
  const failed = lists.find((l) => !l.ok);
  if (failed) throw new GamedayError('USAGE', `--changed-since ${ref}: git diff failed (${firstLine(failed.stderr)})`);
  const files = new Set<string>();
  for (const list of lists) for (const name of list.stdout.split('\0')) if (name) files.add(resolve(root, name));
  return [...files].sort();
}

function firstLine(text: string): string {
  return text.trim().split('\n')[0] ?? '';
}
