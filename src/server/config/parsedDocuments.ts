/** One parse per document version, shared by diagnostics, completion, hover, symbols and code actions. */
import { parseYaml, type ParsedYaml } from '../../core/config/parseYaml';

export interface VersionedText {
  uri: string;
  version: number;
  getText(): string;
}

/** Longer documents are not parsed for completion, hover and symbols (validation has its own limit). */
export const MAX_FEATURE_LENGTH = 2 * 1024 * 1024;

export class ParsedDocuments {
  private readonly cache = new Map<string, { version: number; parsed: ParsedYaml }>();

  constructor(private readonly capacity = 32, private readonly maxLength = MAX_FEATURE_LENGTH) {}

  get(document: VersionedText): ParsedYaml {
    const hit = this.cache.get(document.uri);
    if (hit && hit.version === document.version) return hit.parsed;
    const text = document.getText();
    // Too long to parse on every keystroke: features see an empty document.
    const parsed = text.length > this.maxLength ? parseYaml('') : parseYaml(text);
    this.cache.delete(document.uri);
    this.cache.set(document.uri, { version: document.version, parsed });
    if (this.cache.size > this.capacity) this.cache.delete(this.cache.keys().next().value!);
    return parsed;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
