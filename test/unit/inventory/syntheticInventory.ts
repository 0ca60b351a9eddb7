/**
 * A synthetic scan of a small shop (TypeScript API, Python worker, compose, k8s, .env) for the
 * inventory tests, written to look like what the detection engine reports.
 */
import type { Integration, ScanResult, Service } from '../../../src/core/detection/types';

type Partial1 = Omit<Integration, 'column' | 'endLine' | 'endColumn' | 'test' | 'direction'> & Partial<Pick<Integration, 'column' | 'endLine' | 'endColumn' | 'test' | 'direction'>>;

export function site(fields: Partial1): Integration {
  const direction = fields.direction ?? (fields.role === 'declaration' ? 'declaration' : fields.role === 'handler' ? 'inbound' : 'outbound');
  return { column: 7, endLine: fields.line, endColumn: 30, test: false, ...fields, direction };
}

export function shopResult(root = '/ws/shop'): ScanResult {
  const integrations: Integration[] = [
    /* 0 */ site({ file: 'api/src/payments.ts', line: 12, kind: 'http', library: 'axios', role: 'call', target: '${PAYMENTS_URL}/charges', envVars: ['PAYMENTS_URL'], service: 'PAYMENTS_URL', resilience: { timeout: true, retry: false, circuitBreaker: 'unknown' } }),
    /* 1 */ site({ file: 'api/src/payments.ts', line: 30, kind: 'http', library: 'fetch', role: 'call', target: 'https://api.stripe.com/v1/refunds?expand=all', host: 'api.stripe.com', service: 'api.stripe.com', resilience: { timeout: false, retry: false, circuitBreaker: false } }),
    /* 2 */ site({ file: 'api/src/db.ts', line: 5, kind: 'database', library: 'pg', role: 'client', target: '${DATABASE_URL}', envVars: ['DATABASE_URL'], service: 'db' }),
    /* 3 */ site({ file: 'docker-compose.yml', line: 14, column: 3, kind: 'container', library: 'docker-compose', role: 'declaration', target: 'db', service: 'db' }),
    /* 4 */ site({ file: 'worker/main.py', line: 8, kind: 'queue', library: 'pika', role: 'client', target: '${AMQP_URL}', envVars: ['AMQP_URL'], service: 'AMQP_URL' }),
    /* 5 */ site({ file: 'api/src/webhooks.ts', line: 20, kind: 'webhook', library: 'express', role: 'handler', target: '/webhooks/stripe', service: 'stripe-webhook', signatureVerified: true }),
    /* 6 */ site({ file: 'api/test/payments.test.ts', line: 4, kind: 'http', library: 'fetch', role: 'call', target: 'http://localhost:1234', test: true }),
    /* 7 */ site({ file: 'k8s/api.yaml', line: 1, column: 1, kind: 'k8s', library: 'kubernetes', role: 'declaration', target: 'Deployment/api' }),
  ];
  // `.env` keys are evidence for their services, not sites (ScanResult version 2).
  const configuration: Integration[] = [
    /* 0 */ site({ file: '.env.example', line: 1, column: 1, kind: 'database', library: 'dotenv', role: 'declaration', target: 'postgres://app:s3cret@db:5432/shop', envVars: ['DATABASE_URL'], host: 'db', service: 'db' }),
    /* 1 */ site({ file: '.env.example', line: 2, column: 1, kind: 'http', library: 'dotenv', role: 'declaration', target: 'https://payments.internal', envVars: ['PAYMENTS_URL'], service: 'PAYMENTS_URL' }),
  ];
  const services: Service[] = [
    { id: 'PAYMENTS_URL', name: 'PAYMENTS_URL', kind: 'http', keyedBy: 'env', envVars: ['PAYMENTS_URL'], hosts: ['payments.internal'], integrations: [0], dependencies: [], configuration: [1] },
    { id: 'api.stripe.com', name: 'api.stripe.com', kind: 'http', keyedBy: 'host', envVars: [], hosts: ['api.stripe.com'], integrations: [1], dependencies: [], configuration: [] },
    { id: 'db', name: 'db', kind: 'database', keyedBy: 'compose', envVars: ['DATABASE_URL'], hosts: ['db'], integrations: [2, 3], dependencies: [], configuration: [0] },
    { id: 'AMQP_URL', name: 'AMQP_URL', kind: 'queue', keyedBy: 'env', envVars: ['AMQP_URL'], hosts: [], integrations: [4], dependencies: [], configuration: [] },
    { id: 'stripe-webhook', name: 'stripe-webhook', kind: 'webhook', keyedBy: 'library', envVars: [], hosts: [], integrations: [5], dependencies: [], configuration: [] },
  ];
  return { version: 2, root, integrations, dependencies: [], configuration, services, skipped: [], stats: { files: 12, parsedFiles: 6, bytes: 4096, durationMs: 12 } };
}

export const SHOP_COMPOSE = `services:
  api:
    build: ./api
    environment:
      DATABASE_URL: postgres://app:s3cret@db:5432/shop
      AMQP_URL: amqp://rabbit:5672
    depends_on:
      - db
  worker:
    build:
      context: ./worker
    depends_on:
      rabbit:
        condition: service_healthy
  db:
    image: postgres:16
  rabbit:
    image: rabbitmq:3-management
`;

export const SHOP_K8S = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: "{{ .Values.image }}"
          env:
            - name: DATABASE_URL
              value: postgres://db.shop.svc.cluster.local:5432/shop
---
apiVersion: v1
kind: Service
metadata:
  name: api
spec:
  selector:
    app: api
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: public
spec:
  rules:
    - http:
        paths:
          - path: /
            backend:
              service:
                name: api
                port:
                  number: 80
`;
