/** Rust → FileFacts. */
import type { Tree } from '@vscode/tree-sitter-wasm';
import { concat, envValue, literal, type CallSite, type FileFacts, type ImportBinding, type Segment, type Value } from './facts';
import { LazyCallSite, type CallDetails, field, named, rangeOf, segment, unquote, nameOf, type Node } from './syntax';
import { Extractor } from './extractor';

export function extractRust(tree: Tree, text: string): FileFacts {
  return new RustExtractor(text).extract(tree);
}

const TRANSPARENT = new Set(['await_expression', 'try_expression', 'reference_expression', 'parenthesized_expression']);
const VALUE_PASSTHROUGH = new Set(['unwrap', 'expect', 'unwrap_or', 'unwrap_or_else', 'unwrap_or_default', 'to_string', 'as_str', 'clone', 'into', 'to_owned']);

class RustExtractor extends Extractor {

  protected readonly firstPassTypes = ['use_declaration', 'let_declaration', 'const_item', 'static_item', 'type_item'];
  /** `type DbConn = PooledConnection<…>;`: a parameter typed `DbConn` is typed by what the alias names. */
  private readonly typeAliases = new Map<string, string[]>();
  protected readonly secondPassTypes = ['call_expression', 'macro_invocation', 'parameter', 'field_declaration'];

  protected firstPass(node: Node): void {
    const type = node.type;
    if (type === 'use_declaration') { const arg = field(node, 'argument'); if (arg) this.use(arg, ''); }
    else if (type === 'type_item') this.typeAlias(node);
    else this.binding(node);
  }

  protected secondPass(node: Node): void {
    switch (node.type) {
      case 'call_expression': this.call(node); break;
      case 'macro_invocation': this.macro(node); break;
      case 'parameter': case 'field_declaration': this.typed(node); break;
    }
  }

  private use(node: Node, prefix: string): void {
    const join = (a: string, b: string) => (a ? `${a}::${b}` : b);
    const push = (binding: ImportBinding) => this.facts.imports.push(binding);
    switch (node.type) {
      case 'identifier': push({ local: node.text, module: prefix || node.text, member: prefix ? [node.text] : [] }); break;
      case 'scoped_identifier': {
        const path = field(node, 'path');
        const name = field(node, 'name');
        if (!name) return;
        const module = join(prefix, path?.text ?? '');
        if (name.text === 'self') push({ local: module.split('::').pop()!, module, member: [] });
        else push({ local: name.text, module, member: [name.text] });
        break;
      }
      case 'use_as_clause': {
        const path = field(node, 'path');
        const alias = field(node, 'alias');
        if (!path || !alias) return;
        const parts = join(prefix, path.text).split('::');
        push({ local: alias.text, module: parts.slice(0, -1).join('::') || parts[0], member: parts.length > 1 ? [parts[parts.length - 1]] : [] });
        break;
      }
      case 'scoped_use_list': {
        const path = field(node, 'path');
        const list = field(node, 'list');
        for (const item of named(list)) this.use(item, join(prefix, path?.text ?? ''));
        break;
      }
      case 'use_list': for (const item of named(node)) this.use(item, prefix); break;
      case 'use_wildcard': { const path = named(node)[0]; push({ local: '*', module: join(prefix, path?.text ?? ''), member: [], wildcard: true }); break; }
      case 'self': push({ local: prefix.split('::').pop()!, module: prefix, member: [] }); break;
    }
  }

  private binding(node: Node): void {
    const pattern = field(node, 'pattern') ?? field(node, 'name');
    const value = field(node, 'value');
    if (pattern?.type !== 'identifier') return;
    const type = field(node, 'type');
    const path = type ? typePath(type) : undefined;
    if (path) this.facts.typedNames.push({ name: pattern.text, type: path });
    if (value && !this.consts.has(pattern.text)) {
      const evaluated = this.evaluate(value);
      if (evaluated) this.consts.set(pattern.text, evaluated);
    }
  }

  private typeAlias(node: Node): void {
    const name = field(node, 'name');
    const type = field(node, 'type');
    const path = type ? typePath(type) : undefined;
    if (name && path) this.typeAliases.set(name.text, path);
  }

  private typed(node: Node): void {
    const name = field(node, 'pattern') ?? field(node, 'name');
    const type = field(node, 'type');
    if (!name || !type) return;
    let path = typePath(type);
    if (path?.length === 1) path = this.typeAliases.get(path[0]!) ?? path;
    if (!path) return;
    this.facts.typedNames.push({ name: node.type === 'field_declaration' ? `self.${name.text}` : name.text, type: path });
  }

  private call(node: Node): void {
    const fn = field(node, 'function');
    const segments = fn ? this.segments(fn) : undefined;
    if (!segments || segments.length === 0) return;
    this.facts.calls.push(this.site(node, segments));
  }

  /** `sqlx::query!("…")`, `sqlx::query_as!(…)`: the macro form of a query. */
  private macro(node: Node): void {
    const macro = field(node, 'macro');
    if (!macro) return;
    const parts = macro.text.split('::');
    if (!/^(query|query_as|query_scalar)$/.test(parts[parts.length - 1])) return;
    const site = this.site(node, parts.map((p) => segment(p)));
    this.facts.calls.push(site);
  }

  private site(node: Node, segments: Segment[]): CallSite {
    return new LazyCallSite(this.ids.idFor(node), segments, false, rangeOf(node), node, this);
  }

  callDetails(node: Node, d: CallDetails): void {
    if (node.type === 'macro_invocation') return;
    named(field(node, 'arguments')).forEach((arg, index) => {
      const inner = unwrap(arg);
      d.args[index] = this.evaluate(inner);
      d.argNames[index] = nameOf(inner);
    });
  }



  /**
   * Segments are asked for again and again along a chain (`a.b().c().d()` visits four calls, each
   * walking into the ones inside it); each answer is kept by node id, since every property read
   * on a node is a call into WASM.
   */
  private readonly segmentMemo = new Map<number, Segment[] | undefined>();

  protected segments(node: Node): Segment[] | undefined {
    if (this.segmentMemo.has(node.id)) return this.segmentMemo.get(node.id);
    const segments = this.computeSegments(node);
    this.segmentMemo.set(node.id, segments);
    return segments;
  }

  private computeSegments(node: Node): Segment[] | undefined {
    let type = node.type;
    if (TRANSPARENT.has(type)) { node = unwrap(node); type = node.type; }
    switch (type) {
      case 'identifier': case 'field_identifier': case 'self': return [segment(node.text)];
      case 'scoped_identifier': return node.text.replace(/<[^>]*>/g, '').split('::').filter(Boolean).map((p) => segment(p));
      case 'generic_function': { const fn = field(node, 'function'); return fn ? this.segments(fn) : undefined; }
      case 'field_expression': {
        const value = field(node, 'value');
        const name = field(node, 'field');
        const head = value ? this.segments(value) : undefined;
        return head && name ? [...head, segment(name.text)] : undefined;
      }
      case 'call_expression': {
        const fn = field(node, 'function');
        const head = fn ? this.segments(fn) : undefined;
        if (!head || head.length === 0) return undefined;
        return [...head.slice(0, -1), segment(head[head.length - 1].name, this.ids.idFor(node))];
      }
      case 'macro_invocation': {
        const macro = field(node, 'macro');
        if (!macro || !/(^|::)(query|query_as|query_scalar)$/.test(macro.text)) return undefined;
        const parts = macro.text.split('::');
        return [...parts.slice(0, -1).map((p) => segment(p)), segment(parts[parts.length - 1], this.ids.idFor(node))];
      }
      default: return undefined;
    }
  }

  assignedTo(node: Node): string | undefined {
    let current = node;
    let parent = node.parent;
    while (parent && TRANSPARENT.has(parent.type)) { current = parent; parent = parent.parent; }
    // `Client::builder().timeout(d).build()?` binds the whole chain; only the outermost call is bound.
    if (parent?.type === 'let_declaration' && field(parent, 'value')?.equals(current)) {
      const pattern = field(parent, 'pattern');
      return pattern?.type === 'identifier' ? pattern.text : undefined;
    }
    if (parent?.type === 'field_initializer') return `self.${field(parent, 'field')?.text ?? ''}`;
    return undefined;
  }

  wrappers(node: Node): string[] {
    const names: string[] = [];
    let current: Node | null = node.parent;
    while (current && current.type !== 'function_item') {
      if ((current.type === 'closure_expression' || current.type === 'async_block') && current.parent?.type === 'arguments') {
        const fn = current.parent.parent ? field(current.parent.parent, 'function') : null;
        if (fn) names.push(fn.text);
      }
      current = current.parent;
    }
    return names;
  }

  evaluate(node: Node): Value | undefined {
    node = unwrap(node);
    switch (node.type) {
      case 'string_literal': case 'raw_string_literal': {
        const content = named(node).filter((n) => n.type === 'string_content').map((n) => n.text).join('');
        return literal(content || unquote(node.text.replace(/^r#*/, '').replace(/#*$/, '')));
      }
      case 'identifier': return this.consts.get(node.text);
      case 'macro_invocation': {
        const macro = field(node, 'macro')?.text;
        if (macro !== 'format' && macro !== 'concat') return undefined;
        const tokens = named(named(node).find((n) => n.type === 'token_tree'));
        const format = tokens[0]?.type === 'string_literal' ? this.evaluate(tokens[0]) : undefined;
        if (!format?.literal) return undefined;
        const pieces = format.display.split(/\{[^}]*\}/);
        const args = tokens.slice(1);
        const parts: (Value | undefined)[] = [];
        pieces.forEach((piece, i) => { parts.push(literal(piece)); if (i < pieces.length - 1) parts.push(args[i] ? this.evaluate(args[i]) : undefined); });
        return concat(parts);
      }
      case 'call_expression': {
        const fn = field(node, 'function');
        if (!fn) return undefined;
        if (/^(std::)?env::var(_os)?$|^dotenv(y)?::var$/.test(fn.text)) {
          const arg = named(field(node, 'arguments'))[0];
          const name = arg ? this.evaluate(arg) : undefined;
          return name?.literal ? envValue(name.display) : undefined;
        }
        if (fn.type === 'field_expression' && VALUE_PASSTHROUGH.has(field(fn, 'field')?.text ?? '')) {
          const value = field(fn, 'value');
          return value ? this.evaluate(value) : undefined;
        }
        return undefined;
      }
      default: return undefined;
    }
  }
}

function unwrap(node: Node): Node {
  let current = node;
  while (TRANSPARENT.has(current.type)) {
    const inner = named(current).find((n) => n.type !== 'mutable_specifier');
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** Wrappers whose methods deref to what they hold: shared pointers and web frameworks' injected state. */
const HANDLE_TYPES = new Set(['Arc', 'Rc', 'Box', 'Data', 'State', 'Extension']);

function typePath(type: Node): string[] | undefined {
  switch (type.type) {
    case 'reference_type': { const inner = field(type, 'type'); return inner ? typePath(inner) : undefined; }
    case 'generic_type': {
      const inner = field(type, 'type');
      // `web::Data<PgPool>`, `Arc<Client>`, `State<Pool>`: a handle on the client, which is what calls reach.
      const argument = inner && HANDLE_TYPES.has(inner.text.split('::').pop() ?? '') ? named(field(type, 'type_arguments'))[0] : undefined;
      if (argument) return typePath(argument);
      return inner ? typePath(inner) : undefined;
    }
    case 'scoped_type_identifier': case 'type_identifier': return type.text.split('::');
    default: return undefined;
  }
}
