import { readFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { containmentProblem, isInside, scenarioRoot } from '../scenario/contained-file.js';
import { scenarioRelativeCandidates } from '../scenario/scenario-relative.js';
import type { Diagnostic } from '../scenario/diagnostics.js';
import { hasErrors } from '../scenario/diagnostics.js';
import type { RuleContext } from '../scenario/rules.js';
import { closestMatch } from '../yaml/did-you-mean.js';
import { loadYamlDocument, YAML_LIMITS, type YamlDocument } from '../yaml/load-document.js';
import { checkAgainstSchema } from '../yaml/schema-check.js';
import { schemaValidator } from '../yaml/validators.js';
import { DEFAULT_KIND, DOCUMENT_KINDS } from './document-kinds.js';

export interface FileValidation {
  file: string;
  /** The document's kind (GameDay, World), when the file could be read as a mapping. */
  kind?: string;
  valid: boolean;
  diagnostics: Diagnostic[];
  /** The parsed document, when it was valid. */
  document?: YamlDocument;
}

/** Existence, text and validation of the files scenarios name (runbooks, worlds), each once per path. */
export interface FileLookup {
  isFile(path: string): Promise<boolean>;
  readText(path: string): Promise<string | undefined>;
  /**
   * validateFile of one file, its diagnostics naming it as `path` does: a world is validated once
   * however many scenarios cross-check against it, and once more not when it is itself on the list.
   */
  validated(path: string): Promise<FileValidation>;
}

/**
 * Many scenarios share one runbook and one world; in a run over a folder each is stat'ed, read and
 * validated once. One lookup serves one command: a file changed afterwards is read afresh by the next.
 */
export function cachedFileLookup(): FileLookup {
  const isFile = new Map<string, Promise<boolean>>();
  const texts = new Map<string, Promise<string | undefined>>();
  const validations = new Map<string, Promise<FileValidation>>();
  const lookup: FileLookup = {
    isFile(path) {
      let found = isFile.get(path);
      if (!found) isFile.set(path, (found = stat(path).then((info) => info.isFile(), () => false)));
      return found;
    },
    readText(path) {
      let text = texts.get(path);
      if (!text) {
        text = stat(path).then(
          (info) => (info.isFile() && info.size <= YAML_LIMITS.maxBytes ? readFile(path, 'utf8').catch(() => undefined) : undefined),
          () => undefined,
        );
        texts.set(path, text);
      }
      return text;
    },
    async validated(path) {
      const key = resolve(path);
      let validation = validations.get(key);
      if (!validation) validations.set(key, (validation = validateFile(key, { files: lookup })));
      return namedAs(await validation, key, path);
    },
  };
  return lookup;
}

/** A validation of `validated` with its file, and every diagnostic's, named `as`. */
function namedAs(validation: FileValidation, validated: string, as: string): FileValidation {
  if (validated === as) return validation;
  const name = (file: string) => (file === validated ? as : file);
  return { ...validation, file: name(validation.file), diagnostics: validation.diagnostics.map((d) => ({ ...d, file: name(d.file) })) };
}

/** Reads, parses and checks one file against the schema and rules of its kind. */
export async function validateFile(file: string, options: { cwd?: string; files?: FileLookup } = {}): Promise<FileValidation> {
  const loaded = await loadYamlDocument(file);
  if (!loaded.ok) return { file, valid: false, diagnostics: loaded.diagnostics };
  const diagnostics = [...loaded.diagnostics];
  const rawKind = (loaded.value as Record<string, unknown>).kind;
  const kind = rawKind === undefined ? DEFAULT_KIND : String(rawKind);
  const spec = DOCUMENT_KINDS[kind];
  if (!spec) {
    const { line, col } = loaded.locate(['kind']);
    const guess = closestMatch(kind, Object.keys(DOCUMENT_KINDS));
    diagnostics.push({
      file,
      line,
      col,
      severity: 'error',
      code: 'UNKNOWN_KIND',
      message: `kind ${JSON.stringify(rawKind)} is not one gameday reads (${Object.keys(DOCUMENT_KINDS).join(', ')})${guess ? `; did you mean "${guess}"?` : ''}`,
    });
    return { file, kind, valid: false, diagnostics };
  }
  const validate = await schemaValidator(spec.schema);
  if (!validate) {
    diagnostics.push({
      file,
      line: 1,
      col: 1,
      severity: 'warning',
      code: 'SCHEMA_UNAVAILABLE',
      message: `no schemas/${spec.schema}.schema.json in this build; the ${kind} document was only checked for YAML problems`,
    });
    return { file, kind, valid: true, diagnostics, document: loaded };
  }
  const schemaProblems = checkAgainstSchema(validate, loaded);
  diagnostics.push(...schemaProblems);
  const context = ruleContext(loaded, options.cwd ?? process.cwd(), options.files ?? cachedFileLookup());
  if (spec.rules) {
    const rules = await spec.rules();
    if (schemaProblems.length === 0) {
      diagnostics.push(...(await rules(loaded.value, context)));
    } else if (spec.rulesTolerateInvalid) {
      // Best effort, so one run shows every error: the rules expect the schema's shapes and may
      // trip over a document that has other ones (then the schema errors are the ones to fix
      // first). A rule finding on a node the schema already flagged would only repeat it.
      // Nor one about a field the schema found misspelt ("did you mean X?"): it is missing only by its spelling.
      const flagged = new Set(schemaProblems.map((d) => `${d.line}:${d.col}`));
      const misspelt = schemaProblems.flatMap((d) => (d.code === 'UNKNOWN_FIELD' ? [/did you mean "([^"]+)"/.exec(d.message)?.[1]] : [])).filter((m): m is string => m !== undefined);
      const mentions = (d: Diagnostic) => misspelt.some((name) => new RegExp(`\\b${name}\\b`).test(`${d.message} ${d.hint ?? ''}`));
      const found = await rules(loaded.value, context).catch(() => []);
      diagnostics.push(...found.filter((d) => !flagged.has(`${d.line}:${d.col}`) && !mentions(d)));
    }
  }
  if (spec.compiles && !hasErrors(diagnostics)) diagnostics.push(...(await spec.compiles())(loaded.value, context));
  const valid = !hasErrors(diagnostics);
  return { file, kind, valid, diagnostics, ...(valid ? { document: loaded } : {}) };
}

function ruleContext(doc: YamlDocument, cwd: string, files: FileLookup): RuleContext {
  return {
    file: doc.file,
    locate: doc.locate,
    async findFile(name, { alsoCwd }) {
      // The scenario's repository (or folder); with alsoCwd also the working directory, which is
      // the checkout a PR check validates, never a path the scenario chooses.
      const roots = [scenarioRoot(doc.file, cwd), ...(alsoCwd ? [resolve(cwd)] : [])];
      const candidates = alsoCwd ? scenarioRelativeCandidates(doc.file, name, cwd) : [isAbsolute(name) ? name : resolve(cwd, dirname(doc.file), name)];
      const inside = candidates.flatMap((candidate) => roots.filter((root) => isInside(root, candidate)).slice(0, 1).map((root) => ({ candidate, root })));
      if (inside.length === 0) return { refused: `is outside ${roots.join(' and ')} (the scenario's repository, or its folder outside one${alsoCwd ? ', and the working directory' : ''})` };
      for (const { candidate, root } of inside) {
        if (!(await files.isFile(candidate))) continue;
        const problem = await containmentProblem(root, candidate);
        return problem ? { refused: problem } : candidate;
      }
      return undefined;
    },
    readText: (path) => files.readText(path),
    validated: (path) => files.validated(path),
  };
}
