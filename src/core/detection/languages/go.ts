/** Go → FileFacts. */
import type { Tree } from '@vscode/tree-sitter-wasm';
import { concat, envValue, literal, type FileFacts, type Range, type Segment, type Value } from './facts';
import { LazyCallSite, type CallDetails, field, named, rangeOf, segment, unquote, nameOf, type Node } from './syntax';
import { Extractor } from './extractor';

export function extractGo(tree: Tree, text: string): FileFacts {
  return new GoExtractor(text).extract(tree);
}

/** The package name Go code uses for an import path without an alias. */
export function goPackageName(importPath: string): string {
  const parts = importPath.split('/').filter((p) => !/^v\d+$/.test(p));
  let last = parts[parts.length - 1] ?? importPath;
  last = last.replace(/\.v\d+$/, '').replace(/^go-/, '').replace(/[.-]go$/, '');
  return last.replace(/[^A-Za-z0-9_]/g, '');
}

class GoExtractor extends Extractor {
  /** The range of each function with parameters, by start: its parameters share it. */
  private readonly functionRanges = new Map<number, Range>();

  protected readonly firstPassTypes = ['import_spec', 'const_spec', 'var_spec', 'short_var_declaration'];
  protected readonly secondPassTypes = ['call_expression', 'composite_literal', 'parameter_declaration', 'field_declaration'];

  protected firstPass(node: Node): void {
    if (node.type === 'import_spec') this.importSpec(node);
    else if (node.type === 'short_var_declaration') this.shortVar(node);
    else this.valueSpec(node);
  }

  protected secondPass(node: Node): void {
    switch (node.type) {
      case 'call_expression': this.call(node, false); break;
      case 'composite_literal': this.call(node, true); break;
      case 'parameter_declaration': case 'field_declaration': this.typedDeclaration(node); break;
    }
  }

  private importSpec(node: Node): void {
    const pathNode = field(node, 'path');
    if (!pathNode) return;
    const module = unquote(pathNode.text);
    const alias = field(node, 'name');
    if (alias?.type === 'blank_identifier' || alias?.text === '_') return;
    if (alias?.type === 'dot') { this.facts.imports.push({ local: '.', module, member: [], wildcard: true }); return; }
    this.facts.imports.push({ local: alias?.text ?? goPackageName(module), module, member: [] });
  }

  private valueSpec(node: Node): void {
    const names = node.childrenForFieldName('name').filter((n): n is Node => n !== null);
    const values = named(field(node, 'value'));
    names.forEach((name, i) => {
      const value = values[i] ? this.evaluate(values[i]) : undefined;
      if (value && !this.consts.has(name.text)) this.consts.set(name.text, value);
    });
    const type = field(node, 'type');
    const path = type ? typePath(type) : undefined;
    if (path) for (const name of names) this.facts.typedNames.push({ name: name.text, type: path });
  }

  private shortVar(node: Node): void {
    const left = named(field(node, 'left'));
    const right = named(field(node, 'right'));
    left.forEach((name, i) => {
      const value = right[i] ? this.evaluate(right[i]) : undefined;
      if (value && !this.consts.has(name.text)) this.consts.set(name.text, value);
    });
  }

  private typedDeclaration(node: Node): void {
    const type = field(node, 'type');
    const path = type ? typePath(type) : undefined;
    const names = node.childrenForFieldName('name').filter((n): n is Node => n !== null);
    if (node.type === 'parameter_declaration') {
      // Predeclared and package-local types (`string`, `error`, `config`) never hold a catalogued client.
      if (names.length === 0 || (path?.length === 1 && /^[a-z]/.test(path[0]))) return;
      // A parameter means its type only inside its function (`tx pgx.Tx` in one closure, `tx *sql.Tx` in another).
      const fn = node.parent?.parent;
      if (!fn) return;
      let scope = this.functionRanges.get(fn.startIndex);
      if (!scope) { scope = rangeOf(fn); this.functionRanges.set(fn.startIndex, scope); }
      for (const name of names) this.facts.typedNames.push({ name: name.text, type: path ?? [], scope });
      return;
    }
    for (const name of names) {
      if (!path) continue;
      // Struct fields are reached through any receiver: `s.db.Query(...)`.
      this.facts.typedNames.push({ name: `*.${name.text}`, type: path });
    }
  }

  private call(node: Node, isConstruction: boolean): void {
    const callee = field(node, isConstruction ? 'type' : 'function');
    const segments = callee ? this.segments(callee) : undefined;
    if (!segments || segments.length === 0) return;
    const site = new LazyCallSite(this.ids.idFor(node), segments, isConstruction, rangeOf(node.parent?.type === 'unary_expression' ? node.parent : node), node, this);
    this.facts.calls.push(site);
  }

  callDetails(node: Node, d: CallDetails): void {
    const isConstruction = node.type === 'composite_literal';
    if (isConstruction) {
      for (const element of named(field(node, 'body'))) {
        if (element.type !== 'keyed_element') continue;
        const [key, value] = named(element);
        const valueNode = value ? named(value)[0] ?? value : undefined;
        if (key) d.options.set(key.text, valueNode ? this.evaluate(valueNode) : undefined);
      }
    } else {
      named(field(node, 'arguments')).filter((arg) => arg.type !== 'comment').forEach((arg, index) => {
        d.args[index] = this.evaluate(arg);
        d.argNames[index] = nameOf(arg);
        // Functional options (`grpc.WithTimeout(...)`, `redis.Options{...}` by pointer) count as option keys.
        if (arg.type === 'call_expression') {
          const fn = field(arg, 'function');
          const name = fn?.type === 'selector_expression' ? field(fn, 'field')?.text : fn?.text;
          if (name) d.options.set(name, undefined);
        }
        if (arg.type === 'unary_expression' || arg.type === 'composite_literal') {
          const literalNode = arg.type === 'unary_expression' ? named(arg)[0] : arg;
          if (literalNode?.type === 'composite_literal') for (const element of named(field(literalNode, 'body'))) {
            const [key, value] = named(element);
            const valueNode = value ? named(value)[0] ?? value : undefined;
            if (element.type === 'keyed_element' && key) d.options.set(key.text, valueNode ? this.evaluate(valueNode) : undefined);
          }
        }
      });
    }
  }

  protected segments(node: Node): Segment[] | undefined {
    switch (node.type) {
      case 'identifier': case 'package_identifier': case 'field_identifier': case 'type_identifier': return [segment(node.text)];
      case 'qualified_type': {
        const pkg = field(node, 'package');
        const name = field(node, 'name');
        return pkg && name ? [segment(pkg.text), segment(name.text)] : undefined;
      }
      case 'generic_type': { const type = field(node, 'type'); return type ? this.segments(type) : undefined; }
      case 'selector_expression': {
        const operand = field(node, 'operand');
        const name = field(node, 'field');
        const head = operand ? this.segments(operand) : undefined;
        return head && name ? [...head, segment(name.text)] : undefined;
      }
      case 'call_expression': {
        const fn = field(node, 'function');
        const head = fn ? this.segments(fn) : undefined;
        if (!head || head.length === 0) return undefined;
        return [...head.slice(0, -1), segment(head[head.length - 1].name, this.ids.idFor(node))];
      }
      case 'parenthesized_expression': { const inner = named(node)[0]; return inner ? this.segments(inner) : undefined; }
      default: return undefined;
    }
  }

  assignedTo(node: Node): string | undefined {
    let current: Node = node;
    if (current.parent?.type === 'unary_expression') current = current.parent;
    const list = current.parent;
    const declaration = list?.parent;
    if (list?.type !== 'expression_list' || !declaration) return undefined;
    if (declaration.type !== 'short_var_declaration' && declaration.type !== 'assignment_statement' && declaration.type !== 'var_spec') return undefined;
    const index = named(list).findIndex((n) => n.equals(current));
    const left = declaration.type === 'var_spec' ? declaration.childrenForFieldName('name').filter((n): n is Node => n !== null) : named(field(declaration, 'left'));
    // `db, err := sql.Open(...)`: a single call on the right binds its first result.
    const target = left[named(list).length === 1 ? 0 : index];
    return target?.text;
  }

  wrappers(node: Node): string[] {
    const names: string[] = [];
    let current: Node | null = node.parent;
    while (current && current.type !== 'function_declaration' && current.type !== 'method_declaration') {
      if (current.type === 'func_literal' && current.parent?.type === 'argument_list') {
        const fn = current.parent.parent ? field(current.parent.parent, 'function') : null;
        if (fn) names.push(fn.text);
      }
      current = current.parent;
    }
    return names;
  }

  evaluate(node: Node): Value | undefined {
    switch (node.type) {
      case 'interpreted_string_literal': case 'raw_string_literal': return literal(unquote(node.text));
      case 'binary_expression': {
        const operator = node.child(1)?.text;
        return operator === '+' ? concat([this.evaluate(field(node, 'left')!), this.evaluate(field(node, 'right')!)]) : undefined;
      }
      case 'identifier': return this.consts.get(node.text);
      case 'parenthesized_expression': { const inner = named(node)[0]; return inner ? this.evaluate(inner) : undefined; }
      case 'call_expression': {
        const fn = field(node, 'function')?.text;
        const args = named(field(node, 'arguments'));
        if ((fn === 'os.Getenv' || fn === 'os.LookupEnv' || fn === 'viper.GetString') && args[0]?.type === 'interpreted_string_literal') return envValue(unquote(args[0].text));
        if (fn === 'fmt.Sprintf' && args[0]) {
          const format = this.evaluate(args[0]);
          if (!format?.literal) return undefined;
          const pieces = format.display.split(/%[sdvq]/);
          const parts: (Value | undefined)[] = [];
          pieces.forEach((piece, i) => { parts.push(literal(piece)); if (i < pieces.length - 1) parts.push(args[i + 1] ? this.evaluate(args[i + 1]) : undefined); });
          return concat(parts);
        }
        return undefined;
      }
      default: return undefined;
    }
  }
}

function typePath(type: Node): string[] | undefined {
  switch (type.type) {
    case 'pointer_type': { const inner = named(type)[0]; return inner ? typePath(inner) : undefined; }
    case 'qualified_type': {
      const pkg = field(type, 'package');
      const name = field(type, 'name');
      return pkg && name ? [pkg.text, name.text] : undefined;
    }
    case 'type_identifier': return [type.text];
    default: return undefined;
  }
}
