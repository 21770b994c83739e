import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ts from 'typescript';

/**
 * The FIS request shapes as the pinned @aws-sdk/client-fis models them, read from its d.ts, so tests
 * can check a value member by member (names, required-ness, types, enum values) against the SDK.
 */
const require = createRequire(import.meta.url);
const MODELS = require.resolve('@aws-sdk/client-fis').replace(/dist-cjs\/index\.js$/, 'dist-types/models/models_0.d.ts');

interface Member {
  optional: boolean;
  type: ts.TypeNode;
}

export class SdkModel {
  private readonly interfaces = new Map<string, Map<string, Member>>();
  private readonly enums = new Map<string, string[]>();

  constructor(file = MODELS) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    for (const statement of source.statements) {
      if (ts.isInterfaceDeclaration(statement)) {
        const members = new Map<string, Member>();
        for (const m of statement.members) {
          if (ts.isPropertySignature(m) && m.type && ts.isIdentifier(m.name)) members.set(m.name.text, { optional: !!m.questionToken, type: m.type });
        }
        this.interfaces.set(statement.name.text, members);
      }
      if (ts.isVariableStatement(statement)) {
        for (const d of statement.declarationList.declarations) {
          if (ts.isIdentifier(d.name) && d.type && ts.isTypeLiteralNode(d.type)) {
            const values = d.type.members.flatMap((m) =>
              ts.isPropertySignature(m) && m.type && ts.isLiteralTypeNode(m.type) && ts.isStringLiteral(m.type.literal) ? [m.type.literal.text] : [],
            );
            this.enums.set(d.name.text, values);
          }
        }
      }
    }
  }

  members(interfaceName: string): Map<string, Member> {
    const members = this.interfaces.get(interfaceName);
    if (!members) throw new Error(`no interface ${interfaceName} in the FIS model`);
    return members;
  }

  /** Problems with `value` as an instance of the modelled interface; [] when it conforms. */
  check(value: unknown, interfaceName: string, path = interfaceName): string[] {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected an object`];
    const members = this.members(interfaceName);
    const problems: string[] = [];
    for (const [name, member] of members) {
      const v = (value as Record<string, unknown>)[name];
      if (v === undefined) {
        // Members typed `X | undefined` without `?` are required by the service (smithy @required).
        if (!member.optional) problems.push(`${path}.${name}: required by the model, missing`);
        continue;
      }
      problems.push(...this.checkType(v, member.type, `${path}.${name}`));
    }
    for (const name of Object.keys(value)) if (!members.has(name)) problems.push(`${path}.${name}: not a member of ${interfaceName}`);
    return problems;
  }

  private checkType(value: unknown, type: ts.TypeNode, path: string): string[] {
    if (ts.isUnionTypeNode(type)) {
      const options = type.types.filter((t) => t.kind !== ts.SyntaxKind.UndefinedKeyword);
      if (options.length === 1) return this.checkType(value, options[0]!, path);
      return options.some((t) => this.checkType(value, t, path).length === 0) ? [] : [`${path}: matches none of ${type.getText()}`];
    }
    if (type.kind === ts.SyntaxKind.StringKeyword) return typeof value === 'string' ? [] : [`${path}: expected a string, got ${JSON.stringify(value)}`];
    if (type.kind === ts.SyntaxKind.NumberKeyword) return typeof value === 'number' ? [] : [`${path}: expected a number, got ${JSON.stringify(value)}`];
    if (type.kind === ts.SyntaxKind.BooleanKeyword) return typeof value === 'boolean' ? [] : [`${path}: expected a boolean`];
    if (ts.isArrayTypeNode(type)) {
      if (!Array.isArray(value)) return [`${path}: expected a list`];
      return value.flatMap((v, i) => this.checkType(v, type.elementType, `${path}[${i}]`));
    }
    if (ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
      const name = type.typeName.text;
      if (name === 'Record' && type.typeArguments?.length === 2) {
        if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected a map`];
        return Object.entries(value).flatMap(([k, v]) => this.checkType(v, type.typeArguments![1]!, `${path}.${k}`));
      }
      const values = this.enums.get(name);
      if (values) return typeof value === 'string' && values.includes(value) ? [] : [`${path}: ${JSON.stringify(value)} is not one of ${values.join(', ')}`];
      if (this.interfaces.has(name)) return this.check(value, name, path);
    }
    return [`${path}: the test cannot check type ${type.getText()}`];
  }
}
