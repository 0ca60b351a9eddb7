import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kubernetesDeclarations } from '../../../src/core/detection/declarations/kubernetes';

test('Helm templates: each workload is reported on its own `kind:` line, however the template lines before it run', () => {
  const text = [
    '{{- if .Values.cart.create }}',
    'apiVersion: v1',
    'kind: ServiceAccount',
    'metadata:',
    '  name: {{ .Values.cart.name }}',
    '  {{- with .Values.annotations }}',
    '  annotations:',
    '    {{- toYaml . | nindent 4 }}',
    '  {{- end }}',
    '---',
    '{{- end }}',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ include "cart.name"',
    '    . }}',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '        - image: {{ .Values.image }}',
    '---',
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    '  name: cart',
  ].join('\n');
  assert.deepEqual(kubernetesDeclarations(text).map((f) => `${f.line + 1} ${f.library}`), ['13 k8s:Deployment', '24 k8s:Service']);
});

test('a kustomize patch that deletes an object declares nothing', () => {
  const text = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: loadgenerator', '$patch: delete'].join('\n');
  assert.deepEqual(kubernetesDeclarations(text), []);
});
