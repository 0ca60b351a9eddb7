/** Reads the `@expect` labels of the detection fixtures (format: test/fixtures/detection/README.md). */
export interface ExpectedFinding {
  line: number;
  kind: string;
  library: string;
  role: string;
}

export interface FileLabels {
  expected: ExpectedFinding[];
  /** Lines labelled `@expect-none`: look-alikes. */
  negatives: Set<number>;
}

const LABEL = /(?:\/\/|#) (@expect(?:-none)?\b.*)$/;

export function readLabels(text: string): FileLabels {
  const labels: FileLabels = { expected: [], negatives: new Set() };
  text.split(/\r?\n/).forEach((line, index) => {
    const match = LABEL.exec(line);
    if (!match) return;
    if (match[1].startsWith('@expect-none')) { labels.negatives.add(index + 1); return; }
    for (const group of match[1].split(' ; ')) {
      const [, kind, library, role] = group.trim().split(/\s+/);
      if (kind && library && role) labels.expected.push({ line: index + 1, kind, library, role });
    }
  });
  return labels;
}
