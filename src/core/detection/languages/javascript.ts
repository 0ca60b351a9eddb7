/** TypeScript / JavaScript → FileFacts. */
import type { Tree } from '@vscode/tree-sitter-wasm';
import { javascriptCatalog } from '../catalog/javascript';
import { concat, envValue, literal, type FileFacts, type Segment, type Value } from './facts';
import { LazyCallSite, scopeOf, type CallDetails, field, named, rangeOf, segment, unquote, nameOf, type Node } from './syntax';
import { Extractor } from './extractor';

const SHADOWABLE = new Set(javascriptCatalog.libraries.flatMap((rule) => [...(rule.globals ?? []), ...(rule.globalObjects ?? [])]));
const FUNCTION_TYPES = new Set(['arrow_function', 'function_expression', 'function_declaration', 'method_definition', 'function', 'generator_function_declaration']);
const TRANSPARENT = new Set(['await_expression', 'parenthesized_expression', 'non_null_expression', 'as_expression', 'satisfies_expression', 'type_assertion']);

export function extractJavaScript(tree: Tree, text: string): FileFacts {
  return new JavaScriptExtractor(text).extract(tree);
}

class JavaScriptExtractor extends Extractor {

  /** Only names that could hide a global the catalogue knows (`fetch`) are worth recording. */
  private declare(name: string, node: Node): void {
    if (SHADOWABLE.has(name)) this.facts.declaredNames.add(name, scopeOf(node));
  }

  protected readonly firstPassTypes = ['import_statement', 'variable_declarator'];
  protected readonly secondPassTypes = [
    'call_expression', 'new_expression', 'function_declaration', 'required_parameter', 'optional_parameter',
    'public_field_definition', 'formal_parameters', 'assignment_expression', 'export_statement', 'class_declaration', 'class',
  ];

  protected firstPass(node: Node): void {
    if (node.type === 'import_statement') this.importStatement(node);
    else this.declarator(node);
  }

  protected secondPass(node: Node): void {
    switch (node.type) {
      case 'call_expression': case 'new_expression': this.call(node); break;
      case 'function_declaration': { const name = field(node, 'name'); if (name) this.declare(name.text, node); break; }
      case 'required_parameter': case 'optional_parameter': this.parameter(node); break;
      case 'formal_parameters': for (const p of named(node)) if (p.type === 'identifier') this.declare(p.text, p); break;
      case 'public_field_definition': this.classField(node); break;
      case 'assignment_expression': {
        const left = field(node, 'left');
        const right = field(node, 'right');
        if (left && right) this.commonJsExport(left.text.replace(/\s+/g, ''), right);
        if (left && right && (right.type === 'identifier' || right.type === 'member_expression')) this.alias(left.text.replace(/\s+/g, ''), right);
        break;
      }
      case 'export_statement': this.esExport(node); break;
      case 'class_declaration': case 'class': this.classDeclaration(node); break;
    }
  }

  /** `class DatabaseService extends PrismaClient`: its base class, for rules that make subclasses clients. */
  private classDeclaration(node: Node): void {
    const name = field(node, 'name');
    const heritage = named(node).find((child) => child.type === 'class_heritage');
    const clause = heritage ? named(heritage).find((child) => child.type === 'extends_clause') : undefined;
    const base = clause ? field(clause, 'value') ?? named(clause)[0] : heritage ? named(heritage)[0] : undefined;
    if (name && base && (base.type === 'identifier' || base.type === 'member_expression')) {
      this.facts.types.push({ name: name.text, extends: [base.text.replace(/\s+/g, '').split('.')], range: rangeOf(name) });
    }
  }

  private exported(name: string, local: string): void {
    (this.facts.exports ??= []).push({ name, local });
  }

  /** `module.exports = User`, `module.exports = { pool, db: client }`, `exports.pool = pool`. */
  private commonJsExport(left: string, right: Node): void {
    const member = /^(?:module\.)?exports(?:\.([\w$]+))?$/.exec(left);
    if (!member || (!member[1] && !left.startsWith('module.'))) return;
    if (right.type === 'identifier') { this.exported(member[1] ?? 'default', right.text); return; }
    if (member[1] || right.type !== 'object') return;
    for (const prop of named(right)) {
      if (prop.type === 'shorthand_property_identifier') this.exported(prop.text, prop.text);
      else if (prop.type === 'pair') {
        const key = field(prop, 'key');
        const value = field(prop, 'value');
        if (key && value?.type === 'identifier') this.exported(key.text, value.text);
      }
    }
  }

  /** `export default db`, `export const db = new PrismaClient()`, `export { client as redis }`. */
  private esExport(node: Node): void {
    const value = field(node, 'value');
    if (value?.type === 'identifier') { this.exported('default', value.text); return; }
    const declaration = field(node, 'declaration');
    if (declaration) {
      for (const declarator of named(declaration)) {
        const name = declarator.type === 'variable_declarator' ? field(declarator, 'name') : undefined;
        if (name?.type === 'identifier') this.exported(name.text, name.text);
      }
      return;
    }
    for (const clause of named(node)) {
      if (clause.type !== 'export_clause') continue;
      for (const specifier of named(clause)) {
        const name = field(specifier, 'name');
        const alias = field(specifier, 'alias');
        if (name) this.exported((alias ?? name).text, name.text);
      }
    }
  }

  private importStatement(node: Node): void {
    const source = field(node, 'source');
    if (!source) return;
    const module = this.stringText(source);
    const clause = named(node).find((n) => n.type === 'import_clause');
    for (const part of named(clause)) {
      if (part.type === 'identifier') this.facts.imports.push({ local: part.text, module, member: [] });
      else if (part.type === 'namespace_import') {
        const id = named(part).find((n) => n.type === 'identifier');
        if (id) this.facts.imports.push({ local: id.text, module, member: [] });
      } else if (part.type === 'named_imports') {
        for (const spec of named(part)) {
          if (spec.type !== 'import_specifier') continue;
          const name = field(spec, 'name');
          const alias = field(spec, 'alias');
          if (name) this.facts.imports.push({ local: (alias ?? name).text, module, member: name.text === 'default' ? [] : [name.text] });
        }
      }
    }
  }

  private declarator(node: Node): void {
    const name = field(node, 'name');
    let value = field(node, 'value');
    if (!name || !value) {
      if (name?.type === 'identifier') this.declare(name.text, name);
      return;
    }
    value = unwrap(value);
    // require('m'), require('m').X
    const required = this.requireOf(value);
    if (required) {
      if (name.type === 'identifier') this.facts.imports.push({ local: name.text, module: required.module, member: required.member });
      else if (name.type === 'object_pattern') {
        for (const prop of named(name)) {
          if (prop.type === 'shorthand_property_identifier_pattern') this.facts.imports.push({ local: prop.text, module: required.module, member: [...required.member, prop.text] });
          else if (prop.type === 'pair_pattern') {
            const key = field(prop, 'key');
            const local = field(prop, 'value');
            if (key && local?.type === 'identifier') this.facts.imports.push({ local: local.text, module: required.module, member: [...required.member, key.text] });
          }
        }
      }
      return;
    }
    if (name.type === 'identifier' && (value.type === 'member_expression' || value.type === 'identifier')) this.alias(name.text, value);
    if (name.type === 'identifier') {
      this.declare(name.text, name);
      if (!this.consts.has(name.text)) {
        const evaluated = this.evaluate(value);
        if (evaluated) this.consts.set(name.text, evaluated);
      }
    }
  }

  private requireOf(node: Node): { module: string; member: string[] } | undefined {
    if (node.type === 'member_expression') {
      const inner = this.requireOf(unwrap(field(node, 'object')));
      const property = field(node, 'property');
      if (inner && property) return { module: inner.module, member: property.text === 'default' ? inner.member : [...inner.member, property.text] };
      return undefined;
    }
    if (node.type !== 'call_expression') return undefined;
    const fn = field(node, 'function');
    if (fn?.type !== 'identifier' || fn.text !== 'require') return undefined;
    const arg = named(field(node, 'arguments'))[0];
    if (!arg || arg.type !== 'string') return undefined;
    return { module: this.stringText(arg), member: [] };
  }

  private parameter(node: Node): void {
    const pattern = field(node, 'pattern');
    if (pattern?.type !== 'identifier') return;
    this.declare(pattern.text, pattern);
    const type = this.typePath(field(node, 'type'));
    if (!type) return;
    // The parameter's type holds inside its function only; `this.x` (a parameter property) is the object's.
    const fn = node.parent?.parent;
    this.facts.typedNames.push(fn ? { name: pattern.text, type, scope: rangeOf(fn) } : { name: pattern.text, type });
    // `constructor(private readonly http: HttpService)` also declares `this.http`.
    if (named(node).some((n) => n.type === 'accessibility_modifier') || /^\s*(private|public|protected|readonly)\b/.test(node.text)) {
      this.facts.typedNames.push({ name: `this.${pattern.text}`, type });
    }
  }

  private classField(node: Node): void {
    const name = field(node, 'name');
    if (!name) return;
    const type = this.typePath(field(node, 'type'));
    if (type) this.facts.typedNames.push({ name: `this.${name.text}`, type });
  }

  private typePath(annotation: Node | null): string[] | undefined {
    if (!annotation) return undefined;
    let node: Node | null = annotation.type === 'type_annotation' ? named(annotation)[0] ?? null : annotation;
    if (node?.type === 'generic_type') node = field(node, 'name') ?? named(node)[0] ?? null;
    if (!node) return undefined;
    if (node.type === 'type_identifier' || node.type === 'nested_type_identifier' || node.type === 'identifier') return node.text.split('.');
    return undefined;
  }

  private call(node: Node): void {
    const isConstruction = node.type === 'new_expression';
    const callee = field(node, isConstruction ? 'constructor' : 'function');
    if (!callee) return;
    const segments = this.segments(callee);
    if (!segments || segments.length === 0) return;
    // `require(...)` and dynamic `import(...)` are module loading, not calls.
    if (!isConstruction && segments.length === 1 && (segments[0].name === 'require' || segments[0].name === 'import')) return;
    const site = new LazyCallSite(this.ids.idFor(node), segments, isConstruction, rangeOf(node), node, this);
    this.facts.calls.push(site);
  }

  callDetails(node: Node, d: CallDetails): void {
    // A comment between the arguments (`app.post( // Stripe⏎ "/hooks/stripe", …)`) is not one of them.
    const args = named(field(node, 'arguments')).filter((arg) => arg.type !== 'comment');
    args.forEach((arg, index) => {
      const inner = unwrap(arg);
      if (inner.type === 'object') this.readOptions(inner, d);
      else if (inner.type === 'spread_element') d.optionsOpaque = true;
      else {
        d.args[index] = this.evaluate(inner);
        d.argNames[index] = nameOf(inner);
        if (index > 0 && !d.args[index] && (inner.type === 'identifier' || inner.type === 'member_expression' || inner.type === 'call_expression')) d.optionsOpaque = true;
      }
    });
  }

  private readOptions(object: Node, site: CallDetails): void {
    for (const prop of named(object)) {
      if (prop.type === 'pair') {
        const key = field(prop, 'key');
        const value = field(prop, 'value');
        if (!key) continue;
        const keyText = key.type === 'string' ? this.stringText(key) : key.text;
        site.options.set(keyText, value ? this.evaluate(unwrap(value)) : undefined);
        // Nested option objects (`socket: { host }`, `connection: { host }`) contribute their keys too.
        if (value?.type === 'object') for (const nested of named(value)) {
          const nestedKey = field(nested, 'key');
          const nestedValue = field(nested, 'value');
          if (nested.type === 'pair' && nestedKey && !site.options.has(nestedKey.text)) site.options.set(nestedKey.text, nestedValue ? this.evaluate(unwrap(nestedValue)) : undefined);
        }
      } else if (prop.type === 'shorthand_property_identifier') {
        site.options.set(prop.text, this.consts.get(prop.text));
      } else if (prop.type === 'spread_element') {
        site.optionsOpaque = true;
      }
    }
  }

  protected segments(node: Node): Segment[] | undefined {
    node = unwrap(node);
    switch (node.type) {
      case 'identifier': case 'this': case 'property_identifier': case 'private_property_identifier':
        return [segment(node.text)];
      case 'member_expression': {
        const object = field(node, 'object');
        const property = field(node, 'property');
        if (!object || !property) return undefined;
        const head = this.segments(object);
        return head ? [...head, segment(property.text)] : undefined;
      }
      case 'call_expression': {
        // `require('stripe')(key)`, `require('axios').get(url)`: the module object, bound under a name no code can write.
        const required = this.requireOf(node);
        if (required) {
          const local = `require(${required.module})`;
          if (!this.facts.imports.some((binding) => binding.local === local)) this.facts.imports.push({ local, module: required.module, member: required.member });
          return [segment(local)];
        }
        const fn = field(node, 'function');
        const head = fn ? this.segments(fn) : undefined;
        if (!head || head.length === 0) return undefined;
        const last = head[head.length - 1];
        return [...head.slice(0, -1), segment(last.name, this.ids.idFor(node))];
      }
      case 'new_expression': {
        const ctor = field(node, 'constructor');
        const head = ctor ? this.segments(ctor) : undefined;
        if (!head || head.length === 0) return undefined;
        const last = head[head.length - 1];
        return [...head.slice(0, -1), segment(last.name, this.ids.idFor(node))];
      }
      default:
        return undefined;
    }
  }

  assignedTo(node: Node): string | undefined {
    let current: Node = node;
    let parent = current.parent;
    while (parent && (TRANSPARENT.has(parent.type) || (parent.type === 'binary_expression' && /^(\?\?|\|\|)$/.test(parent.child(1)?.text ?? '')) || parent.type === 'ternary_expression')) { current = parent; parent = parent.parent; }
    if (!parent) return undefined;
    // `constructor(private readonly sns = new SNSClient())`
    if ((parent.type === 'required_parameter' || parent.type === 'optional_parameter') && field(parent, 'value')?.equals(current)) {
      const pattern = field(parent, 'pattern');
      if (pattern?.type !== 'identifier') return undefined;
      return named(parent).some((n) => n.type === 'accessibility_modifier') || /^\s*(private|public|protected|readonly)\b/.test(parent.text) ? `this.${pattern.text}` : pattern.text;
    }
    if (parent.type === 'variable_declarator' && field(parent, 'value')?.equals(current)) {
      const name = field(parent, 'name');
      return name?.type === 'identifier' ? name.text : undefined;
    }
    if (parent.type === 'assignment_expression') {
      const left = field(parent, 'left');
      return left ? left.text.replace(/\s+/g, '') : undefined;
    }
    if (parent.type === 'public_field_definition') {
      const name = field(parent, 'name');
      return name ? `this.${name.text}` : undefined;
    }
    return undefined;
  }

  /** Names of calls that receive a function containing this call: `pRetry(() => fetch(x))` → ['pRetry']. */
  wrappers(node: Node): string[] {
    const names: string[] = [];
    let current: Node | null = node.parent;
    let depth = 0;
    while (current && depth < 40) {
      if (FUNCTION_TYPES.has(current.type)) {
        const args = current.parent;
        const call = args?.type === 'arguments' ? args.parent : null;
        if (call?.type === 'call_expression' || call?.type === 'new_expression') {
          const callee = field(call, call.type === 'call_expression' ? 'function' : 'constructor');
          if (callee) names.push(callee.text);
        }
        if (current.type === 'method_definition' || current.type === 'function_declaration') break;
      }
      current = current.parent;
      depth++;
    }
    return names;
  }

  private stringText(node: Node): string {
    const fragment = named(node).filter((n) => n.type === 'string_fragment');
    return fragment.length > 0 ? fragment.map((n) => n.text).join('') : unquote(node.text);
  }

  evaluate(node: Node): Value | undefined {
    node = unwrap(node);
    switch (node.type) {
      case 'string': return literal(this.stringText(node));
      case 'template_string': {
        const parts: (Value | undefined)[] = [];
        for (const child of named(node)) {
          if (child.type === 'string_fragment') parts.push(literal(child.text));
          else if (child.type === 'template_substitution') parts.push(this.evaluate(named(child)[0] ?? child));
          else if (child.type === 'escape_sequence') parts.push(literal(child.text));
        }
        if (named(node).length === 0) return literal(unquote(node.text));
        return concat(parts);
      }
      case 'binary_expression': {
        const operator = node.child(1)?.text;
        if (operator === '+') return concat([this.evaluate(field(node, 'left')!), this.evaluate(field(node, 'right')!)]);
        if (operator === '||' || operator === '??') return this.evaluate(field(node, 'left')!) ?? this.evaluate(field(node, 'right')!);
        return undefined;
      }
      case 'identifier': return this.consts.get(node.text);
      case 'member_expression': case 'subscript_expression': {
        // process.env.X, process.env['X'], import.meta.env.X
        const object = field(node, 'object');
        if (object && /^(process\.env|import\.meta\.env|Deno\.env)$/.test(object.text.replace(/\s+/g, ''))) {
          const property = node.type === 'member_expression' ? field(node, 'property') : field(node, 'index');
          if (property) return envValue(property.type === 'string' ? this.stringText(property) : property.text);
        }
        return undefined;
      }
      case 'call_expression': {
        // new URL(path, base).toString(), String(x), `${x}`.toString()
        const fn = field(node, 'function');
        if (fn?.type === 'member_expression' && field(fn, 'property')?.text === 'toString') return this.evaluate(field(fn, 'object')!);
        return undefined;
      }
      case 'new_expression': {
        const ctor = field(node, 'constructor');
        if (ctor?.text === 'URL') {
          const [pathArg, baseArg] = named(field(node, 'arguments'));
          if (pathArg && baseArg) return concat([this.evaluate(baseArg), this.evaluate(pathArg)]);
          if (pathArg) return this.evaluate(pathArg);
        }
        return undefined;
      }
      default: return undefined;
    }
  }
}

function unwrap(node: Node | null): Node {
  let current = node!;
  while (current && TRANSPARENT.has(current.type)) {
    const inner = current.type === 'await_expression' || current.type === 'parenthesized_expression' ? named(current)[0] : (field(current, 'expression') ?? named(current)[0]);
    if (!inner) break;
    current = inner;
  }
  return current;
}
