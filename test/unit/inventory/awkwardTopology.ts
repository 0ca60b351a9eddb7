/** A topology full of names that break naive Mermaid output; shared by the text and the Chromium tests. */
import type { Topology } from '../../../src/core/inventory/topology';

export function awkwardTopology(): Topology {
  return {
    folders: [{ name: 'my "shop" [v2] & co', root: '/ws/shop' }, { name: 'end', root: '/ws/end' }],
    nodes: [
      { key: 'c:0:api', label: 'api', type: 'component', folder: 0 },
      { key: 'c:0:end', label: 'end', type: 'component', folder: 0 },
      { key: 'c:0:o-ring', label: 'o-ring', type: 'component', folder: 0 },
      { key: 'c:1:graph', label: 'graph', type: 'component', folder: 1 },
      { key: 's:0:a', label: '${DATABASE_URL}', type: 'service', kind: 'database', folder: 0 },
      { key: 's:0:b', label: 'https://api.example.com/v1/x?y=1&z="2"', type: 'service', kind: 'http', folder: 0 },
      { key: 's:0:c', label: 'queue|orders <prod> {{x}} %%note', type: 'service', kind: 'queue', folder: 0 },
      { key: 's:0:d', label: 'subgraph', type: 'service', kind: 'webhook', folder: 0 },
      { key: 's:0:e', label: 'Zürich 🚀 Dienst; #1', type: 'service', kind: 'cache', folder: 0 },
      { key: 's:0:f', label: 'click', type: 'service', kind: 'email', folder: 0 },
      { key: 's:0:g', label: '`markdown` **bold**', type: 'service', kind: 'grpc', folder: 0 },
      { key: 's:0:h', label: 'x'.repeat(200), type: 'service', kind: 'auth', folder: 0 },
      { key: 's:1:a', label: '${DATABASE_URL}', type: 'service', kind: 'database', folder: 1 },
      { key: 'k:0:Ingress/public', label: 'Ingress public', type: 'k8s', kind: 'k8s', folder: 0 },
      { key: 'x:0:style', label: 'style', type: 'service', kind: 'container', folder: 0 },
    ],
    edges: [
      { from: 'c:0:api', to: 's:0:a', labels: ['pg'], style: 'call' },
      { from: 'c:0:api', to: 's:0:b', labels: ['axios', 'fetch', 'got', 'ky'], style: 'call' },
      { from: 'c:0:end', to: 's:0:c', labels: ['amqp|lib "x"'], style: 'call' },
      { from: 's:0:d', to: 'c:0:o-ring', labels: ['express'], style: 'call' },
      { from: 'c:0:o-ring', to: 's:0:e', labels: ['ioredis'], style: 'call' },
      { from: 'c:0:api', to: 's:0:f', labels: ['nodemailer'], style: 'call' },
      { from: 'c:0:api', to: 's:0:g', labels: ['@grpc/grpc-js'], style: 'call' },
      { from: 'c:0:api', to: 's:0:h', labels: [], style: 'call' },
      { from: 'c:1:graph', to: 's:1:a', labels: ['sqlx'], style: 'call' },
      { from: 'k:0:Ingress/public', to: 'c:0:api', labels: ['ingress'], style: 'declared' },
      { from: 'c:0:api', to: 'x:0:style', labels: ['depends_on'], style: 'declared' },
    ],
  };
}
