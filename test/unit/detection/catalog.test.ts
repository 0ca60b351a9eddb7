import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect } from './detect';

test('vendor and cloud SDKs beyond the fixtures: MongoDB Go driver, AWS SDK v2, Elasticsearch, DynamoDB, OpenAI', async () => {
  assert.deepEqual(await detect('store.go', [
    'package store',
    'import (',
    '  "os"',
    '  "go.mongodb.org/mongo-driver/mongo"',
    '  "go.mongodb.org/mongo-driver/mongo/options"',
    '  "github.com/aws/aws-sdk-go-v2/service/sqs"',
    ')',
    'func run(ctx context.Context, cfg aws.Config) {',
    '  client, _ := mongo.Connect(ctx, options.Client().ApplyURI(os.Getenv("MONGO_URL")))',
    '  orders := client.Database("shop").Collection("orders")',
    '  orders.InsertOne(ctx, doc)',
    '  q := sqs.NewFromConfig(cfg)',
    '  q.SendMessage(ctx, input)',
    '}',
  ].join('\n')), [
    '9 database go.mongodb.org/mongo-driver client',
    '11 database go.mongodb.org/mongo-driver call',
    '12 queue github.com/aws/aws-sdk-go-v2/service/sqs client',
    '13 queue github.com/aws/aws-sdk-go-v2/service/sqs call',
  ]);
  assert.deepEqual(await detect('search.ts', [
    "import { Client } from '@elastic/elasticsearch';",
    "import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';",
    'const es = new Client({ node: process.env.ELASTIC_URL });',
    "await es.search({ index: 'products' });",
    'const ddb = new DynamoDBClient({});',
    'await ddb.send(new GetItemCommand({}));',
  ].join('\n')), [
    '3 database @elastic/elasticsearch client ${ELASTIC_URL}',
    '4 database @elastic/elasticsearch call ${ELASTIC_URL}',
    '5 database @aws-sdk/client-dynamodb client',
    '6 database @aws-sdk/client-dynamodb call',
  ]);
  assert.deepEqual(await detect('llm.py', [
    'from openai import OpenAI',
    'client = OpenAI()',
    'client.chat.completions.create(model="x", messages=[])',
  ].join('\n')), [
    '2 http openai client api.openai.com',
    '3 http openai call api.openai.com',
  ]);
});

test('gRPC in Node: stubs from loadPackageDefinition and static stubs known by their credentials', async () => {
  assert.deepEqual(await detect('inventory.ts', [
    "import * as grpc from '@grpc/grpc-js';",
    "import { InventoryClient } from './gen/inventory_grpc_pb';",
    'const proto = grpc.loadPackageDefinition(definition) as any;',
    "const dynamic = new proto.shop.Inventory('inventory:50051', grpc.credentials.createInsecure());",
    'dynamic.getItem({ sku }, callback);',
    'const stat = new InventoryClient(process.env.INVENTORY_ADDR, grpc.credentials.createSsl());',
    'stat.reserve(request, callback);',
  ].join('\n')), [
    '4 grpc @grpc/grpc-js client inventory:50051',
    '5 grpc @grpc/grpc-js call inventory:50051',
    '6 grpc @grpc/grpc-js client ${INVENTORY_ADDR}',
    '7 grpc @grpc/grpc-js call ${INVENTORY_ADDR}',
  ]);
});
