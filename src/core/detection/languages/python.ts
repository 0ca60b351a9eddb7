/** Python → FileFacts. */
import type { Tree } from '@vscode/tree-sitter-wasm';
import { concat, envValue, literal, type Annotation, type FileFacts, type Segment, type Value } from './facts';
import { LazyCallSite, type CallDetails, field, named, rangeOf, segment, snippetOf, unquote, nameOf, type Node } from './syntax';
import { Extractor } from './extractor';

export function extractPython(tree: Tree, text: string): FileFacts {
  return new PythonExtractor(text).extract(tree);
}

class PythonExtractor extends Extractor {

  protected readonly firstPassTypes = ['import_statement', 'import_from_statement', 'assignment', 'class_definition'];
  protected readonly secondPassTypes = ['call', 'decorator', 'typed_parameter', 'typed_default_parameter', 'default_parameter'];

  protected firstPass(node: Node): void {
    if (node.type === 'import_statement') this.importStatement(node);
    else if (node.type === 'import_from_statement') this.importFrom(node);
    else if (node.type === 'class_definition') this.classDefinition(node);
    else this.assignment(node);
  }

  /** `class WebsiteUser(FastHttpUser):` → its base classes, for rules that give subclasses a client. */
  private classDefinition(node: Node): void {
    const name = field(node, 'name');
    const bases = named(field(node, 'superclasses')).filter((base) => base.type === 'identifier' || base.type === 'attribute');
    if (name && bases.length > 0) this.facts.types.push({ name: name.text, extends: bases.map((base) => base.text.split('.')), range: rangeOf(name) });
  }

  protected secondPass(node: Node): void {
    switch (node.type) {
      case 'call': this.call(node); break;
      case 'decorator': this.decorator(node); break;
      case 'typed_parameter': case 'typed_default_parameter': case 'default_parameter': this.parameter(node); break;
    }
  }

  private importStatement(node: Node): void {
    for (const child of named(node)) {
      if (child.type === 'dotted_name') {
        // `import urllib.request` binds `urllib`; the rest of the path is reached through attributes.
        const parts = child.text.split('.');
        this.facts.imports.push({ local: parts[0], module: parts[0], member: [] });
      } else if (child.type === 'aliased_import') {
        const name = field(child, 'name');
        const alias = field(child, 'alias');
        if (name && alias) this.facts.imports.push({ local: alias.text, module: name.text, member: [] });
      }
    }
  }

  private importFrom(node: Node): void {
    const module = field(node, 'module_name');
    // A relative import (`from ..deps import SessionDep`) names a project module: resolve.ts resolves it against
    // the file's own package and never takes it for a library of the same name.
    if (!module) return;
    for (const child of node.childrenForFieldName('name')) {
      if (!child) continue;
      if (child.type === 'dotted_name') this.facts.imports.push({ local: child.text.split('.').pop()!, module: module.text, member: child.text.split('.') });
      else if (child.type === 'aliased_import') {
        const name = field(child, 'name');
        const alias = field(child, 'alias');
        if (name && alias) this.facts.imports.push({ local: alias.text, module: module.text, member: name.text.split('.') });
      }
    }
    if (named(node).some((n) => n.type === 'wildcard_import')) this.facts.imports.push({ local: '*', module: module.text, member: [], wildcard: true });
  }

  private assignment(node: Node): void {
    const left = field(node, 'left');
    const right = field(node, 'right');
    const type = field(node, 'type');
    if (left && type) {
      const path = typePath(type);
      if (path) this.facts.typedNames.push({ name: left.type === 'identifier' ? `self.${left.text}` : left.text, type: path });
    }
    // `SessionDep = Annotated[Session, Depends(get_db)]` at module level: a name for the type, used in signatures.
    const aliased = left?.type === 'identifier' && right?.type === 'subscript' && node.parent?.parent?.type === 'module' ? annotatedType(right) : undefined;
    if (aliased) (this.facts.typeAliases ??= []).push({ name: left!.text, type: aliased });
    else if (left && right && (right.type === 'identifier' || right.type === 'attribute' || right.type === 'subscript')) this.alias(left.text, right);
    if (left?.type === 'identifier' && right && !this.consts.has(left.text)) {
      const value = this.evaluate(right);
      if (value) this.consts.set(left.text, value);
    }
  }

  private parameter(node: Node): void {
    const name = field(node, 'name') ?? named(node).find((n) => n.type === 'identifier');
    if (name?.type !== 'identifier') return;
    // `def __init__(self, sessions=SessionLocal)`: the default is what callers get, injected or not.
    const value = field(node, 'value');
    if (value && (value.type === 'identifier' || value.type === 'attribute')) { this.alias(name.text, value); return; }
    const type = field(node, 'type');
    const path = type ? typePath(type) : undefined;
    // The annotation holds only inside the function (two functions' `session` parameters do not mix).
    const fn = node.parent?.parent;
    if (path && fn) this.facts.typedNames.push({ name: name.text, type: path, scope: rangeOf(fn) });
  }

  private call(node: Node): void {
    const fn = field(node, 'function');
    const segments = fn ? this.segments(fn) : undefined;
    if (!segments || segments.length === 0) return;
    const site = new LazyCallSite(this.ids.idFor(node), segments, false, rangeOf(node), node, this);
    this.facts.calls.push(site);
  }

  callDetails(node: Node, d: CallDetails): void {
    let index = 0;
    for (const arg of named(field(node, 'arguments'))) {
      if (arg.type === 'keyword_argument') {
        const key = field(arg, 'name');
        const value = field(arg, 'value');
        if (key) d.options.set(key.text, value ? this.evaluate(value) : undefined);
      } else if (arg.type === 'dictionary_splat' || arg.type === 'list_splat') {
        d.optionsOpaque = true;
      } else if (arg.type !== 'comment') {
        d.args[index] = this.evaluate(arg);
        d.argNames[index] = nameOf(arg);
        index++;
      }
    }
  }

  protected segments(node: Node): Segment[] | undefined {
    if (node.type === 'await') node = named(node)[0] ?? node;
    switch (node.type) {
      case 'identifier': return [segment(node.text)];
      case 'attribute': {
        const object = field(node, 'object');
        const attribute = field(node, 'attribute');
        const head = object ? this.segments(object) : undefined;
        return head && attribute ? [...head, segment(attribute.text)] : undefined;
      }
      case 'call': {
        const fn = field(node, 'function');
        const head = fn ? this.segments(fn) : undefined;
        if (!head || head.length === 0) return undefined;
        return [...head.slice(0, -1), segment(head[head.length - 1].name, this.ids.idFor(node))];
      }
      case 'parenthesized_expression': { const inner = named(node)[0]; return inner ? this.segments(inner) : undefined; }
      case 'subscript': {
        // client["shop"]["orders"] reads like attribute access on a client.
        const value = field(node, 'value');
        const key = field(node, 'subscript');
        const head = value ? this.segments(value) : undefined;
        return head && key?.type === 'string' ? [...head, segment(this.stringText(key))] : undefined;
      }
      default: return undefined;
    }
  }

  assignedTo(node: Node): string | undefined {
    let current = node;
    let parent = node.parent;
    // `session or requests.Session()`, `x if y else Client()`: the call still provides the value.
    while (parent && (parent.type === 'await' || parent.type === 'parenthesized_expression' || parent.type === 'boolean_operator' || parent.type === 'conditional_expression')) { current = parent; parent = parent.parent; }
    if (parent?.type === 'assignment' && field(parent, 'right')?.equals(current)) return field(parent, 'left')?.text;
    if (parent?.type === 'as_pattern') {
      const alias = field(parent, 'alias');
      return alias ? named(alias)[0]?.text ?? alias.text : undefined;
    }
    return undefined;
  }

  /** Decorators of the enclosing function (`@retry`, `@backoff.on_exception`) and wrapping calls. */
  wrappers(node: Node): string[] {
    const names: string[] = [];
    let current: Node | null = node.parent;
    while (current) {
      if (current.type === 'function_definition' || current.type === 'lambda') {
        const decorated = current.parent?.type === 'decorated_definition' ? current.parent : null;
        for (const decorator of named(decorated)) if (decorator.type === 'decorator') names.push(decorator.text.slice(1));
        if (current.type === 'lambda' && current.parent?.type === 'argument_list') {
          const call = current.parent.parent;
          const fn = call ? field(call, 'function') : null;
          if (fn) names.push(fn.text);
        }
        if (current.type === 'function_definition') break;
      }
      current = current.parent;
    }
    return names;
  }

  private decorator(node: Node): void {
    let expression = named(node)[0];
    if (!expression) return;
    const annotation: Annotation = { name: [], args: [], options: new Map(), range: rangeOf(node), snippet: snippetOf(node) };
    if (expression.type === 'call') {
      const args = named(field(expression, 'arguments'));
      let index = 0;
      for (const arg of args) {
        if (arg.type === 'keyword_argument') {
          const key = field(arg, 'name');
          const value = field(arg, 'value');
          if (key) annotation.options.set(key.text, value ? this.evaluate(value) : undefined);
        } else annotation.args[index++] = this.evaluate(arg);
      }
      expression = field(expression, 'function') ?? expression;
    }
    annotation.name = expression.text.split('.');
    const definition = node.parent ? field(node.parent, 'definition') : null;
    const name = definition ? field(definition, 'name') : null;
    if (name) annotation.target = { name: name.text, type: [] };
    this.facts.annotations.push(annotation);
  }

  evaluate(node: Node): Value | undefined {
    switch (node.type) {
      case 'string': {
        const parts: (Value | undefined)[] = [];
        let sawContent = false;
        for (const child of named(node)) {
          if (child.type === 'string_content') { parts.push(literal(child.text)); sawContent = true; }
          else if (child.type === 'interpolation') { const inner = field(child, 'expression') ?? named(child)[0]; parts.push(inner ? this.evaluate(inner) : undefined); sawContent = true; }
          else if (child.type === 'escape_sequence') parts.push(literal(child.text));
        }
        if (!sawContent) return literal(unquote(node.text));
        return concat(parts);
      }
      case 'concatenated_string': return concat(named(node).map((n) => this.evaluate(n)));
      // `save(commit=False)`: options that say a call does no I/O are read as written.
      case 'true': case 'false': return literal(node.text);
      case 'binary_operator': {
        const operator = field(node, 'operator')?.text ?? node.child(1)?.text;
        if (operator === '+') return concat([this.evaluate(field(node, 'left')!), this.evaluate(field(node, 'right')!)]);
        if (operator === '%') return this.evaluate(field(node, 'left')!);
        return undefined;
      }
      case 'boolean_operator': return this.evaluate(field(node, 'left')!) ?? this.evaluate(field(node, 'right')!);
      case 'identifier': return this.consts.get(node.text);
      case 'subscript': {
        // os.environ["X"]
        const value = field(node, 'value');
        const key = field(node, 'subscript');
        if (value && key && /^(os\.)?environ$/.test(value.text) && key.type === 'string') return envValue(this.stringText(key));
        return undefined;
      }
      case 'call': {
        const fn = field(node, 'function');
        const first = named(field(node, 'arguments'))[0];
        if (fn && first?.type === 'string' && /^(os\.getenv|os\.environ\.get|getenv|environ\.get|env|config|os\.environ\.setdefault)$/.test(fn.text)) return envValue(this.stringText(first));
        if (fn?.type === 'attribute' && field(fn, 'attribute')?.text === 'format') return this.evaluate(field(fn, 'object')!);
        // Wrappers that carry a URL through: pika.URLParameters(url), urlparse(url), str(url).
        if (fn && first && /(^|\.)(URLParameters|URL|urlparse|make_url|str|Url)$/.test(fn.text)) return this.evaluate(first);
        return undefined;
      }
      case 'parenthesized_expression': { const inner = named(node)[0]; return inner ? this.evaluate(inner) : undefined; }
      default: return undefined;
    }
  }

  private stringText(node: Node): string {
    return named(node).filter((n) => n.type === 'string_content').map((n) => n.text).join('') || unquote(node.text);
  }
}

function typePath(type: Node): string[] | undefined {
  const inner = type.type === 'type' ? named(type)[0] : type;
  if (!inner) return undefined;
  if (inner.type === 'identifier' || inner.type === 'attribute') return inner.text.split('.');
  if (inner.type === 'generic_type' || inner.type === 'subscript') return annotatedType(inner) ?? typePath(named(inner)[0]!);
  return undefined;
}

/** `Annotated[Session, Depends(get_db)]` (FastAPI's injection idiom) is a `Session`: the metadata does not change the type. */
function annotatedType(node: Node): string[] | undefined {
  const [head, ...rest] = named(node);
  if (!head || !/^(typing\.|typing_extensions\.)?Annotated$/.test(head.text)) return undefined;
  // tree-sitter-python: `subscript` lists the subscripts after the value; `generic_type` wraps them in `type_parameter`.
  const first = rest[0]?.type === 'type_parameter' ? named(rest[0])[0] : rest[0];
  return first ? typePath(first) : undefined;
}
