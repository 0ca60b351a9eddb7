import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detect } from './detect';

test('Python: requests, redis, pika consumer, flask webhook; dict.get is not a call', async () => {
  assert.deepEqual(await detect('worker/main.py', [
    'import os, requests',
    'from redis import Redis',
    'import pika',
    'def run():',
    '    requests.get(os.environ["CATALOG_URL"] + "/items")',
    '    r = Redis(host=os.getenv("REDIS_HOST"))',
    '    r.get("k")',
    '    conn = pika.BlockingConnection(pika.URLParameters(os.getenv("AMQP_URL")))',
    '    ch = conn.channel()',
    '    ch.basic_consume(queue="orders", on_message_callback=cb)',
    '    d = {}',
    '    d.get("redis")',
  ].join('\n')), [
    '5 http requests call ${CATALOG_URL}/items',
    '6 cache redis client ${REDIS_HOST}',
    '7 cache redis call ${REDIS_HOST}',
    '8 queue pika client ${AMQP_URL}',
    '10 queue pika handler ${AMQP_URL}',
  ]);
});

test('Go: http.Get, client.Do with a request built earlier, database/sql through a struct field', async () => {
  assert.deepEqual(await detect('main.go', [
    'package main',
    'import (',
    '  "database/sql"',
    '  "net/http"',
    '  "os"',
    ')',
    'type S struct { db *sql.DB }',
    'const BASE = "http://pricing:9000"',
    'func (s *S) h() {',
    '  http.Get(os.Getenv("PRICING_URL") + "/prices")',
    '  c := &http.Client{Timeout: 3 * time.Second}',
    '  req, _ := http.NewRequest("GET", BASE+"/x", nil)',
    '  c.Do(req)',
    '  s.db.Exec("delete")',
    '  http.ListenAndServe(":8080", nil)',
    '}',
  ].join('\n')), [
    '10 http net/http call ${PRICING_URL}/prices',
    '11 http net/http client http://pricing:9000/x',
    '13 http net/http call http://pricing:9000/x',
    '14 database database/sql call',
  ]);
});

test('Rust: reqwest builder with timeout, crate-path call, sqlx', async () => {
  assert.deepEqual(await detect('src/main.rs', [
    'use reqwest::Client;',
    'async fn f() {',
    '  let base = std::env::var("API_URL").unwrap();',
    '  let c = Client::builder().timeout(d).build()?;',
    '  let r = c.get(format!("{}/x", base)).send().await?;',
    '  let b = reqwest::get("https://x.example.com").await?;',
    '  let m = HashMap::new(); m.get("x");',
    '}',
  ].join('\n')), [
    '4 http reqwest client ${API_URL}/x',
    '5 http reqwest call ${API_URL}/x',
    '6 http reqwest call https://x.example.com',
  ]);
});

test('Java: HttpClient, injected RestTemplate with @Value target, listeners, repositories, routes', async () => {
  assert.deepEqual(await detect('src/main/java/a/A.java', [
    'import java.net.http.HttpClient;',
    'import org.springframework.web.client.RestTemplate;',
    'class A {',
    '  @Value("${payments.url}") private String url;',
    '  private final RestTemplate rest;',
    '  @KafkaListener(topics = "orders")',
    '  void f() {',
    '    HttpClient c = HttpClient.newBuilder().build();',
    '    rest.getForObject(url + "/x", String.class);',
    '    new HashMap<String, String>().get("x");',
    '  }',
    '  @PostMapping("/webhooks/slack") void hook() {}',
    '}',
    'interface R extends JpaRepository<A, Long> {}',
  ].join('\n')), [
    '6 queue spring-kafka handler orders',
    '8 http java.net.http client',
    '9 http resttemplate call ${PAYMENTS_URL}/x',
    '12 webhook spring-web handler /webhooks/slack',
    '14 database spring-data-jpa client R',
  ]);
});

test('Java test doubles: @Mock fields, mock(...) locals and when(...) stubbing are not calls', async () => {
  assert.deepEqual(await detect('src/test/java/a/ATest.java', [
    'import redis.clients.jedis.Jedis;',
    'import org.springframework.kafka.core.KafkaTemplate;',
    'class ATest {',
    '  @Mock Jedis jedis;',
    '  void t() {',
    '    when(jedis.get("k")).thenReturn("v");',
    '    KafkaTemplate<String, Object> kafka = mock(KafkaTemplate.class);',
    '    kafka.send("t", "v");',
    '    jedis.set("k", "v");',
    '  }',
    '}',
  ].join('\n')), []);
});
