/**
 * Build-time only (imports `typescript`; never bundled): turns a TypeScript template into the
 * JavaScript a person would have written, keeping every comment, blank line and the formatting.
 * `tsc`'s emit drops blank lines and detached doc comments, and esbuild drops all comments;
 * a generated file that lands in a user's repository must read like hand-written code.
 *
 * Only erasable syntax is supported (the template compiles with `--erasableSyntaxOnly`); anything
 * else throws `UnsupportedSyntaxError` instead of producing wrong JavaScript.
 */
import ts from 'typescript';

export type ModuleFlavor = 'esm' | 'cjs';

export class UnsupportedSyntaxError extends Error {
  constructor(what: string, line: number) {
    super(`stripTypes: ${what} at line ${line} cannot be stripped`);
    this.name = 'UnsupportedSyntaxError';
  }
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

const DROPPED_MODIFIERS = new Set([
  ts.SyntaxKind.PrivateKeyword, ts.SyntaxKind.PublicKeyword, ts.SyntaxKind.ProtectedKeyword,
  ts.SyntaxKind.ReadonlyKeyword, ts.SyntaxKind.OverrideKeyword,
]);

/** Strips the types of `source`; `cjs` also turns `import`/`export` into `require`/`module.exports`. */
export function stripTypes(source: string, flavor: ModuleFlavor, fileName = 'template.ts'): string {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const edits: Edit[] = [];
  const exported: string[] = [];
  const lineOf = (pos: number): number => file.getLineAndCharacterOfPosition(pos).line + 1;

  /** Removes a whole node with its own doc comment and the rest of its line. */
  const removeWhole = (node: ts.Node): void => {
    let start = node.getStart(file);
    for (const comment of (ts.getLeadingCommentRanges(source, node.getFullStart()) ?? []).reverse()) {
      // Only comments directly above the node belong to it (a blank line detaches them).
      if ((source.slice(comment.end, start).match(/\n/g) ?? []).length > 1) break;
      start = comment.pos;
    }
    start = source.lastIndexOf('\n', start - 1) + 1;
    let end = node.getEnd();
    const newline = source.indexOf('\n', end);
    if (newline !== -1 && source.slice(end, newline).trim() === '') end = newline + 1;
    edits.push({ start, end, text: '' });
  };
  /** Removes `<...>` around a type parameter or argument list. */
  const removeAngles = (list: ts.NodeArray<ts.Node>): void => {
    const open = source.lastIndexOf('<', list.pos);
    const close = source.indexOf('>', list.end);
    edits.push({ start: open, end: close + 1, text: '' });
  };
  /** Removes `: Type` (and a `?` before it). */
  const removeAnnotation = (type: ts.TypeNode, question?: ts.QuestionToken | ts.ExclamationToken): void => {
    const colon = source.lastIndexOf(':', type.getStart(file));
    edits.push({ start: question ? question.getStart(file) : colon, end: type.getEnd(), text: '' });
  };
  const removeModifier = (modifier: ts.ModifierLike): void => {
    const start = modifier.getStart(file);
    let end = modifier.getEnd();
    while (/\s/.test(source[end] ?? '')) end++;
    edits.push({ start, end, text: '' });
  };

  const visit = (node: ts.Node): void => {
    // Types hold no runtime code; the annotations around them are removed by their owners.
    if ((ts.isTypeNode(node) && !ts.isExpressionWithTypeArguments(node)) || ts.isTypeParameterDeclaration(node)) return;
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return removeWhole(node);
    if (ts.isEnumDeclaration(node) || ts.isModuleDeclaration(node)) throw new UnsupportedSyntaxError(ts.SyntaxKind[node.kind], lineOf(node.getStart(file)));
    if (ts.isImportDeclaration(node)) return visitImport(node);
    if (ts.isExportDeclaration(node)) {
      if (node.isTypeOnly) return removeWhole(node);
      throw new UnsupportedSyntaxError('export declaration', lineOf(node.getStart(file)));
    }
    if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && !node.body) return removeWhole(node);
    if (ts.isPropertyDeclaration(node) && !node.initializer) return removeWhole(node);
    if (ts.isParameter(node) && node.modifiers?.some((m) => DROPPED_MODIFIERS.has(m.kind))) {
      throw new UnsupportedSyntaxError('parameter property', lineOf(node.getStart(file)));
    }
    if (ts.canHaveModifiers(node)) {
      for (const modifier of ts.getModifiers(node) ?? []) {
        if (DROPPED_MODIFIERS.has(modifier.kind)) removeModifier(modifier);
        if (modifier.kind === ts.SyntaxKind.DeclareKeyword || modifier.kind === ts.SyntaxKind.AbstractKeyword) {
          throw new UnsupportedSyntaxError(ts.SyntaxKind[modifier.kind], lineOf(node.getStart(file)));
        }
      }
    }
    if (flavor === 'cjs' && node.parent === file) unexport(node);
    if (ts.isParenthesizedExpression(node) && isCast(node.expression) && isPrimary(uncast(node.expression))) {
      // `(value as Record<string, unknown>)[key]` → `value[key]`, not `(value)[key]`.
      edits.push({ start: node.getStart(file), end: node.expression.getStart(file), text: '' });
      edits.push({ start: node.expression.getEnd(), end: node.getEnd(), text: '' });
      return visit(node.expression);
    }
    if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) {
      edits.push({ start: node.expression.getEnd(), end: node.getEnd(), text: '' });
      return visit(node.expression);
    }
    if (ts.isNonNullExpression(node)) {
      edits.push({ start: node.getEnd() - 1, end: node.getEnd(), text: '' });
      return visit(node.expression);
    }
    if (ts.isTypeAssertionExpression(node)) throw new UnsupportedSyntaxError('<T>expression', lineOf(node.getStart(file)));
    if (ts.isHeritageClause(node) && node.token === ts.SyntaxKind.ImplementsKeyword) {
      return void edits.push({ start: node.getStart(file) - 1, end: node.getEnd(), text: '' });
    }
    if ('typeParameters' in node && node.typeParameters) removeAngles(node.typeParameters as ts.NodeArray<ts.Node>);
    if ((ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isExpressionWithTypeArguments(node)) && node.typeArguments) {
      removeAngles(node.typeArguments);
    }
    if (ts.isParameter(node) || ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node)) {
      const question = ts.isParameter(node) || ts.isPropertyDeclaration(node) ? node.questionToken : undefined;
      const exclamation = ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node) ? node.exclamationToken : undefined;
      if (node.type) removeAnnotation(node.type, question ?? exclamation);
      else if (question) edits.push({ start: question.getStart(file), end: question.getEnd(), text: '' });
      for (const child of [node.name, node.initializer]) if (child) visit(child);
      return;
    }
    if (ts.isFunctionLike(node) && 'type' in node && node.type) {
      removeAnnotation(node.type as ts.TypeNode);
      ts.forEachChild(node, (child) => (child === node.type ? undefined : visit(child)));
      return;
    }
    ts.forEachChild(node, visit);
  };

  const visitImport = (node: ts.ImportDeclaration): void => {
    const clause = node.importClause;
    if (clause?.isTypeOnly) return removeWhole(node);
    const bindings = clause?.namedBindings;
    const named = bindings && ts.isNamedImports(bindings) ? bindings.elements.filter((e) => !e.isTypeOnly) : [];
    if (bindings && ts.isNamedImports(bindings) && named.length === 0 && !clause?.name) return removeWhole(node);
    if (flavor === 'esm') {
      // Keep the import as laid out; only the type-only names go, each with its comma.
      if (bindings && ts.isNamedImports(bindings)) {
        for (const [index, element] of bindings.elements.entries()) {
          if (!element.isTypeOnly) continue;
          let end = element.getEnd();
          const previous = bindings.elements[index - 1];
          if (source[end] !== ',' && previous && !previous.isTypeOnly) {
            // The last name without a trailing comma: take the comma before it instead.
            edits.push({ start: previous.getEnd(), end, text: '' });
            continue;
          }
          if (source[end] === ',') end++;
          while (/[ \t]/.test(source[end] ?? '')) end++;
          let start = element.getStart(file);
          const lineStart = source.lastIndexOf('\n', start - 1) + 1;
          if (source.slice(lineStart, start).trim() === '' && source[end] === '\n') {
            start = lineStart;
            end++;
          }
          edits.push({ start, end, text: '' });
        }
      }
      return;
    }
    const from = (node.moduleSpecifier as ts.StringLiteral).text;
    const quote = source[node.moduleSpecifier.getStart(file)];
    const names = named.map((e) => (e.propertyName ? `${e.propertyName.text}: ${e.name.text}` : e.name.text));
    let text: string;
    if (clause?.name || (bindings && ts.isNamespaceImport(bindings))) {
      const local = clause?.name?.text ?? (bindings as ts.NamespaceImport).name.text;
      text = `const ${local} = require(${quote}${from}${quote});`;
    } else if (node.getText(file).includes('\n')) {
      text = `const {\n${names.map((n) => `  ${n},\n`).join('')}} = require(${quote}${from}${quote});`;
    } else {
      text = `const { ${names.join(', ')} } = require(${quote}${from}${quote});`;
    }
    edits.push({ start: node.getStart(file), end: node.getEnd(), text });
  };

  const unexport = (node: ts.Node): void => {
    const modifiers = ts.canHaveModifiers(node) ? ts.getModifiers(node) ?? [] : [];
    const exportKeyword = modifiers.find((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exportKeyword) return;
    if (modifiers.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword)) throw new UnsupportedSyntaxError('export default', lineOf(node.getStart(file)));
    if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
    removeModifier(exportKeyword);
    if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name) exported.push(node.name.text);
    else if (ts.isVariableStatement(node)) {
      for (const declaration of node.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name)) throw new UnsupportedSyntaxError('exported destructuring', lineOf(node.getStart(file)));
        exported.push(declaration.name.text);
      }
    }
  };

  file.statements.forEach(visit);
  let output = applyEdits(source, edits);
  if (flavor === 'cjs') output = `'use strict';\n${output.trimEnd()}\n\nmodule.exports = { ${exported.join(', ')} };\n`;
  // Removed declarations leave their surrounding blank lines behind: keep at most one.
  return output.replace(/\n{3,}/g, '\n\n').replace(/[ \t]+$/gm, '');
}

function isCast(node: ts.Expression): boolean {
  return ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node);
}

function uncast(node: ts.Expression): ts.Expression {
  return isCast(node) ? uncast((node as ts.AsExpression).expression) : node;
}

/** Expressions that need no parentheses before `.x`, `[k]` or `(…)`. */
function isPrimary(node: ts.Expression): boolean {
  return ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)
    || ts.isCallExpression(node) || node.kind === ts.SyntaxKind.ThisKeyword;
}

function applyEdits(source: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor) throw new Error(`stripTypes: overlapping edits at ${edit.start}`);
    result += source.slice(cursor, edit.start) + edit.text;
    cursor = edit.end;
  }
  return result + source.slice(cursor);
}
