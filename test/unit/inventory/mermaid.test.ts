import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_EDGES, mermaidId, mermaidLabel, renderMermaidFlowchart } from '../../../src/core/inventory/mermaid';
import type { Topology, TopologyNode } from '../../../src/core/inventory/topology';
import { awkwardTopology } from './awkwardTopology';

test('ids are [A-Za-z0-9_] with a type prefix, never a keyword or a leading digit', () => {
  assert.equal(mermaidId('s', 'end'), 's_end');
  assert.equal(mermaidId('c', '1st service'), 'c_1st_service');
  assert.equal(mermaidId('s', '"><script>'), 's_script');
  assert.equal(mermaidId('s', '🚀'), 's_x');
  assert.equal(mermaidId('s', 'Zürich'), 's_Zu_rich');
});

test('labels are quoted with every syntax character entity-encoded', () => {
  assert.equal(mermaidLabel('a "b" [c] {d} |e| <f> #g; %%h'), '"a #quot;b#quot; #91;c#93; #123;d#125; #124;e#124; #60;f#62; #35;g#59; #37;#37;h"');
  assert.equal(mermaidLabel(''), '" "');
  assert.equal(mermaidLabel('line\nbreak'), '"line break"');
});

test('an awkward topology renders line by line in the expected grammar', () => {
  const text = renderMermaidFlowchart(awkwardTopology());
  const lines = text.split('\n');
  assert.equal(lines[0], 'flowchart LR');
  const node = /^ {2,4}[A-Za-z]_[A-Za-z0-9_]*(\["[^"]*"\]|\(\["[^"]*"\]\)|\[\("[^"]*"\)\]|\[\/"[^"]*"\/\]|\{\{"[^"]*"\}\})$/;
  const edge = /^ {2}[A-Za-z]_[A-Za-z0-9_]* (-->|-\.->)(\|"[^"]*"\|)? [A-Za-z]_[A-Za-z0-9_]*$/;
  const other = /^( {2}subgraph w_[A-Za-z0-9_]*\["[^"]*"\]| {2}end| {2}classDef .*| {2}class [A-Za-z0-9_,]+ [a-z0-9]+)$/;
  for (const line of lines.slice(1)) assert.ok(node.test(line) || edge.test(line) || other.test(line), `unexpected line: ${line}`);
  const ids = lines.filter((line) => node.test(line)).map((line) => line.trim().match(/^[A-Za-z_0-9]+/)?.[0]);
  assert.equal(new Set(ids).size, ids.length, 'distinct nodes get distinct ids even when their names sanitise alike');
});

test('too many edges: drawn by kind instead, inside Mermaid limits', () => {
  const nodes: TopologyNode[] = [{ key: 'c', label: 'app', type: 'component', folder: 0 }];
  const edges: Topology['edges'] = [];
  for (let i = 0; i < MAX_EDGES + 50; i++) {
    nodes.push({ key: `s${i}`, label: `service-${i}.example.com`, type: 'service', kind: i % 2 ? 'http' : 'database', folder: 0 });
    edges.push({ from: 'c', to: `s${i}`, labels: ['fetch'], style: 'call' });
  }
  const text = renderMermaidFlowchart({ folders: [{ name: 'big', root: '/big' }], nodes, edges });
  assert.ok((text.match(/-->/g) ?? []).length <= 2, text);
  assert.match(text, /"175 http services"/);
  assert.match(text, /"175 database services"/);
});
