/** Whether a source text parses without syntax errors (tree-sitter, the detection engine's parser). */
import { grammarForFile, parse } from '../../../core/resilience/rewrite/syntax';

export async function hasSyntaxErrors(text: string, fileName: string): Promise<boolean> {
  const tree = await parse(text, grammarForFile(fileName));
  try {
    return tree.rootNode.hasError;
  } finally {
    tree.delete();
  }
}
