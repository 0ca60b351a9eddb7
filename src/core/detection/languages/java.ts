/** Java → FileFacts. */
import type { Tree } from '@vscode/tree-sitter-wasm';
import { concat, envValue, literal, type Annotation, type CallSite, type FileFacts, type Segment, type Value } from './facts';
import { LazyCallSite, type CallDetails, field, named, rangeOf, segment, snippetOf, unquote, nameOf, type Node } from './syntax';
import { Extractor } from './extractor';

export function extractJava(tree: Tree, text: string): FileFacts {
  return new JavaExtractor(text).extract(tree);
}

const MOCK_ANNOTATIONS = /^(Mock|MockBean|MockitoBean|Spy|SpyBean|MockitoSpyBean)$/;
const MOCK_FACTORIES = /^(mock|spy)$/;
const STUBBING = /^(when|given|verify|then|doReturn|doThrow|doAnswer)$/;
const TYPE_DECLARATIONS = new Set(['class_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration', 'annotation_type_declaration']);
const TYPE_BODIES = new Set(['class_body', 'interface_body', 'enum_body', 'enum_body_declarations', 'annotation_type_body']);

/** Spring maps `payments.base-url` to the env var `PAYMENTS_BASE_URL` (relaxed binding). */
export function springPropertyToEnv(property: string): string {
  return property.replace(/[.-]/g, '_').replace(/\[|\]/g, '').toUpperCase();
}

class JavaExtractor extends Extractor {

  protected readonly firstPassTypes = ['package_declaration', 'import_declaration', 'field_declaration', 'local_variable_declaration'];
  protected readonly secondPassTypes = [
    'formal_parameter', 'resource', 'method_invocation', 'object_creation_expression', 'annotation', 'marker_annotation',
    'interface_declaration', 'class_declaration',
  ];

  protected firstPass(node: Node): void {
    if (node.type === 'import_declaration') this.importDeclaration(node);
    else if (node.type === 'package_declaration') this.facts.packageName = named(node).find((n) => n.type === 'scoped_identifier' || n.type === 'identifier')?.text;
    else this.variables(node);
  }

  protected secondPass(node: Node): void {
    switch (node.type) {
      case 'formal_parameter': case 'resource': this.parameter(node); break;
      case 'method_invocation': this.invocation(node); break;
      case 'object_creation_expression': this.creation(node); break;
      case 'annotation': case 'marker_annotation': this.annotation(node); break;
      case 'interface_declaration': case 'class_declaration': this.typeDeclaration(node); break;
    }
  }

  private importDeclaration(node: Node): void {
    if (/^import\s+static\b/.test(node.text)) return;
    const name = named(node).find((n) => n.type === 'scoped_identifier' || n.type === 'identifier');
    if (!name) return;
    const wildcard = named(node).some((n) => n.type === 'asterisk');
    if (wildcard) { this.facts.imports.push({ local: '*', module: name.text, member: [], wildcard: true }); return; }
    const parts = name.text.split('.');
    this.facts.imports.push({ local: parts[parts.length - 1], module: parts.slice(0, -1).join('.'), member: [parts[parts.length - 1]] });
  }

  private variables(node: Node): void {
    const type = field(node, 'type');
    const path = type ? typePath(type) : undefined;
    const annotations = named(named(node).find((n) => n.type === 'modifiers'));
    const valueAnnotation = annotations.find((a) => a.type === 'annotation' && field(a, 'name')?.text === 'Value');
    // Test doubles (`@Mock Jedis jedis`, `mock(KafkaTemplate.class)`) talk to nothing.
    const mocked = annotations.some((a) => MOCK_ANNOTATIONS.test(field(a, 'name')?.text ?? ''));
    for (const declarator of node.childrenForFieldName('declarator')) {
      const name = declarator ? field(declarator, 'name') : null;
      if (!name) continue;
      const initial = declarator ? field(declarator, 'value') : null;
      const isMock = mocked || (initial?.type === 'method_invocation' && MOCK_FACTORIES.test(field(initial, 'name')?.text ?? ''));
      if (path && !isMock) {
        this.facts.typedNames.push(node.type === 'local_variable_declaration' ? { name: name.text, type: path, local: true } : { name: name.text, type: path });
        if (node.type === 'field_declaration') this.facts.typedNames.push({ name: `this.${name.text}`, type: path });
      }
      const value = declarator ? field(declarator, 'value') : null;
      const evaluated = value ? this.evaluate(value) : valueAnnotation ? this.springValue(valueAnnotation) : undefined;
      if (evaluated && !this.consts.has(name.text)) this.consts.set(name.text, evaluated);
    }
  }

  /** `@Value("${payments.url}")` → `${PAYMENTS_URL}`, so code and env files meet. */
  private springValue(annotation: Node): Value | undefined {
    const argument = named(field(annotation, 'arguments'))[0];
    const raw = argument ? this.evaluate(argument) : undefined;
    const match = raw ? /^\$\{([^:}]+)(?::([^}]*))?\}$/.exec(raw.display) : null;
    if (!match) return raw;
    return envValue(springPropertyToEnv(match[1]));
  }

  private parameter(node: Node): void {
    const type = field(node, 'type');
    const name = field(node, 'name');
    const path = type ? typePath(type) : undefined;
    if (!name) return;
    // A method's parameter means its type only inside that method; one of a type the catalogue
    // does not know (`UriComponentsBuilder builder`) still hides a client of the same name there.
    const declaring = node.type === 'formal_parameter' ? node.parent?.parent : null;
    if (declaring) this.facts.typedNames.push({ name: name.text, type: path ?? [], scope: rangeOf(declaring) });
    else if (path) this.facts.typedNames.push({ name: name.text, type: path });
    const valueAnnotation = named(named(node).find((n) => n.type === 'modifiers')).find((a) => a.type === 'annotation' && field(a, 'name')?.text === 'Value');
    if (valueAnnotation) { const value = this.springValue(valueAnnotation); if (value && !this.consts.has(name.text)) this.consts.set(name.text, value); }
  }

  private invocation(node: Node): void {
    // `when(jedis.get("k"))`, `given(rest.getForObject(…))`: stubbing a test double is not a call.
    const outer = node.parent?.type === 'argument_list' ? node.parent.parent : null;
    if (outer?.type === 'method_invocation' && STUBBING.test(field(outer, 'name')?.text ?? '')) return;
    const segments = this.segments(node, true);
    if (!segments) return;
    this.facts.calls.push(this.site(node, segments, false));
  }

  private creation(node: Node): void {
    const type = field(node, 'type');
    const path = type ? typePath(type) : undefined;
    if (!path) return;
    this.facts.calls.push(this.site(node, path.map((p) => segment(p)), true));
  }

  private site(node: Node, segments: Segment[], isConstruction: boolean): CallSite {
    return new LazyCallSite(this.ids.idFor(node), segments, isConstruction, rangeOf(node), node, this);
  }

  callDetails(node: Node, d: CallDetails): void {
    let index = 0;
    for (const arg of named(field(node, 'arguments'))) {
      // A comment between the arguments is not one of them.
      if (arg.type === 'line_comment' || arg.type === 'block_comment') continue;
      d.args[index] = this.evaluate(arg);
      d.argNames[index] = nameOf(arg);
      index++;
    }
  }


  protected segments(node: Node, isCall = false): Segment[] | undefined {
    switch (node.type) {
      case 'identifier': case 'type_identifier': case 'this': return [segment(node.text)];
      case 'field_access': {
        const object = field(node, 'object');
        const name = field(node, 'field');
        const head = object ? this.segments(object, false) : undefined;
        return head && name ? [...head, segment(name.text)] : undefined;
      }
      case 'scoped_identifier': return node.text.split('.').map((p) => segment(p));
      case 'method_invocation': {
        const object = field(node, 'object');
        const name = field(node, 'name');
        if (!name) return undefined;
        const head = object ? this.segments(object, false) : [];
        if (!head) return undefined;
        return [...head, isCall ? segment(name.text) : segment(name.text, this.ids.idFor(node))];
      }
      case 'object_creation_expression': {
        const type = field(node, 'type');
        const path = type ? typePath(type) : undefined;
        if (!path) return undefined;
        return [...path.slice(0, -1).map((p) => segment(p)), segment(path[path.length - 1], this.ids.idFor(node))];
      }
      case 'parenthesized_expression': { const inner = named(node)[0]; return inner ? this.segments(inner, isCall) : undefined; }
      default: return undefined;
    }
  }

  assignedTo(node: Node): string | undefined {
    const parent = node.parent;
    if ((parent?.type === 'variable_declarator' || parent?.type === 'resource') && field(parent, 'value')?.equals(node)) return field(parent, 'name')?.text;
    if (parent?.type === 'assignment_expression' && field(parent, 'right')?.equals(node)) return field(parent, 'left')?.text.replace(/^this\./, '');
    return undefined;
  }

  wrappers(node: Node): string[] {
    const names: string[] = [];
    let current: Node | null = node.parent;
    while (current) {
      if (current.type === 'lambda_expression' && current.parent?.type === 'argument_list') {
        const call = current.parent.parent;
        const name = call ? field(call, 'name') ?? field(call, 'type') : null;
        if (name) names.push(name.text);
      }
      if (current.type === 'method_declaration') {
        for (const annotation of named(named(current).find((n) => n.type === 'modifiers'))) names.push(annotation.text);
        break;
      }
      current = current.parent;
    }
    return names;
  }

  private annotation(node: Node): void {
    const name = field(node, 'name');
    if (!name) return;
    const result: Annotation = { name: name.text.split('.'), args: [], options: new Map(), range: rangeOf(node), snippet: snippetOf(node.parent?.parent ?? node) };
    // What the annotation sits on: a type (`@FeignClient interface X`) or a member of one (`@GetMapping` in X).
    const declaration = node.parent?.type === 'modifiers' ? node.parent.parent : null;
    if (declaration && TYPE_DECLARATIONS.has(declaration.type)) result.onType = field(declaration, 'name')?.text;
    else if (declaration && declaration.parent && TYPE_BODIES.has(declaration.parent.type)) {
      const owner = declaration.parent.type === 'enum_body_declarations' ? declaration.parent.parent?.parent : declaration.parent.parent;
      if (owner && TYPE_DECLARATIONS.has(owner.type)) result.enclosingType = field(owner, 'name')?.text;
    }
    let index = 0;
    for (const arg of named(field(node, 'arguments'))) {
      if (arg.type === 'element_value_pair') {
        const key = field(arg, 'key');
        const value = field(arg, 'value');
        if (key) result.options.set(key.text, value ? this.evaluateAnnotationValue(value) : undefined);
      } else result.args[index++] = this.evaluateAnnotationValue(arg);
    }
    this.facts.annotations.push(result);
  }

  private evaluateAnnotationValue(node: Node): Value | undefined {
    if (node.type === 'element_value_array_initializer') { const first = named(node)[0]; return first ? this.evaluateAnnotationValue(first) : undefined; }
    const value = this.evaluate(node);
    const property = value ? /^\$\{([^:}]+)(?::[^}]*)?\}$/.exec(value.display) : null;
    return property ? envValue(springPropertyToEnv(property[1])) : value;
  }

  private typeDeclaration(node: Node): void {
    const name = field(node, 'name');
    if (!name) return;
    const supertypes: string[][] = [];
    for (const child of named(node)) {
      if (child.type === 'extends_interfaces' || child.type === 'super_interfaces' || child.type === 'superclass') {
        for (const type of child.descendantsOfType(['type_identifier', 'scoped_type_identifier'])) {
          if (type && (type.parent?.type === 'type_list' || type.parent?.type === 'generic_type' && type.parent.parent?.type === 'type_list' || type.parent?.type === 'superclass' || type.parent?.type === 'generic_type' && type.parent.parent?.type === 'superclass')) supertypes.push(type.text.split('.'));
        }
      }
    }
    if (supertypes.length > 0) this.facts.types.push({ name: name.text, extends: supertypes, range: rangeOf(name) });
  }

  evaluate(node: Node): Value | undefined {
    switch (node.type) {
      case 'string_literal': return literal(named(node).filter((n) => n.type === 'string_fragment').map((n) => n.text).join('') || unquote(node.text));
      case 'binary_expression': {
        const operator = node.child(1)?.text;
        return operator === '+' ? concat([this.evaluate(field(node, 'left')!), this.evaluate(field(node, 'right')!)]) : undefined;
      }
      case 'identifier': return this.consts.get(node.text);
      case 'field_access': return field(node, 'object')?.type === 'this' ? this.consts.get(field(node, 'field')?.text ?? '') : undefined;
      case 'parenthesized_expression': { const inner = named(node)[0]; return inner ? this.evaluate(inner) : undefined; }
      case 'method_invocation': {
        const object = field(node, 'object')?.text;
        const name = field(node, 'name')?.text;
        const first = named(field(node, 'arguments'))[0];
        if (object === 'System' && (name === 'getenv' || name === 'getProperty') && first?.type === 'string_literal') return envValue(this.evaluate(first)!.display);
        if ((object === 'URI' && name === 'create') || name === 'uri' || name === 'url' || name === 'baseUrl') return first ? this.evaluate(first) : undefined;
        if (name === 'formatted' || name === 'format') return object ? undefined : undefined;
        // Builder chains: HttpRequest.newBuilder().uri(URI.create(x)).build() — the uri is in the chain.
        const inner = field(node, 'object');
        if (inner?.type === 'method_invocation') return this.evaluate(inner);
        return undefined;
      }
      default: return undefined;
    }
  }
}

function typePath(type: Node): string[] | undefined {
  switch (type.type) {
    case 'type_identifier': return [type.text];
    case 'scoped_type_identifier': return type.text.split('.');
    case 'generic_type': { const inner = named(type)[0]; return inner ? typePath(inner) : undefined; }
    default: return undefined;
  }
}
