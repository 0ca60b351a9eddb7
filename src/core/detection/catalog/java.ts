import type { LanguageCatalog } from './rule';

/** Java libraries, keyed by package (imports name the class: `java.net.http.HttpClient`). Data only. */
export const javaCatalog: LanguageCatalog = {
  libraries: [
    // stripe-java: resources are classes with static requests (`Customer.create(params)`), or a StripeClient's services.
    { library: 'stripe-java', kind: 'http', modules: ['com.stripe.model', 'com.stripe'], calls: ['*.create', '*.retrieve', '*.list', '*.search', '*.update', '*.cancel', '*.capture', '*.confirm', '*.delete', '*.expire',
        // resources in subpackages (`com.stripe.model.checkout.Session`)
        '*.*.create', '*.*.retrieve', '*.*.list', '*.*.update', '*.*.expire'],
      clients: ['StripeClient', 'StripeClient.builder'], methods: ['*'], types: ['StripeClient'], fixedTarget: 'api.stripe.com', targetArg: -1 },
    { library: 'java.net.http', kind: 'http', modules: ['java.net.http'], clients: ['HttpClient.newHttpClient', 'HttpClient.newBuilder'], methods: ['send', 'sendAsync'], types: ['HttpClient'], timeoutKeys: ['connectTimeout', 'timeout'] },
    { library: 'resttemplate', kind: 'http', modules: ['org.springframework.web.client', 'org.springframework.boot.web.client'], clients: ['RestTemplate'], builderTypes: ['RestTemplateBuilder'],
      methods: ['getForObject', 'getForEntity', 'postForObject', 'postForEntity', 'postForLocation', 'exchange', 'put', 'delete', 'patchForObject', 'execute'], types: ['RestTemplate'],
      timeoutKeys: ['setConnectTimeout', 'setReadTimeout', 'requestFactory', 'connectTimeout', 'readTimeout', 'setConnectTimeout'] },
    { library: 'restclient', kind: 'http', modules: ['org.springframework.web.client'], clients: ['RestClient.create', 'RestClient.builder'], builderTypes: ['RestClient.Builder'], methods: ['get', 'post', 'put', 'patch', 'delete', 'method'], types: ['RestClient'],
      timeoutKeys: ['requestFactory'] },
    { library: 'webclient', kind: 'http', modules: ['org.springframework.web.reactive.function.client'], clients: ['WebClient.create', 'WebClient.builder'], builderTypes: ['WebClient.Builder'], methods: ['get', 'post', 'put', 'delete', 'patch', 'method'], types: ['WebClient'], timeoutKeys: ['timeout', 'responseTimeout'] },
    { library: 'okhttp', kind: 'http', modules: ['okhttp3'], clients: ['OkHttpClient', 'OkHttpClient.Builder'], methods: ['newCall'], types: ['OkHttpClient'], timeoutKeys: ['connectTimeout', 'readTimeout', 'callTimeout'] },
    { library: 'jdbc', kind: 'database', modules: ['java.sql', 'javax.sql'], clients: ['DriverManager.getConnection'], methods: ['executeQuery', 'executeUpdate', 'execute', 'executeBatch'], derive: ['createStatement', 'prepareStatement', 'prepareCall', 'getConnection'], types: ['Connection', 'DataSource', 'PreparedStatement', 'Statement'], targetArg: 0 },
    { library: 'spring-jdbc', kind: 'database', modules: ['org.springframework.jdbc.core', 'org.springframework.jdbc.core.namedparam'], clients: ['JdbcTemplate', 'NamedParameterJdbcTemplate', 'JdbcClient.create'],
      methods: ['query', 'queryForObject', 'queryForList', 'update', 'batchUpdate', 'execute', 'sql'], types: ['JdbcTemplate', 'NamedParameterJdbcTemplate', 'JdbcClient'] },
    { library: 'jedis', kind: 'cache', modules: ['redis.clients.jedis'], clients: ['Jedis', 'JedisPool', 'JedisPooled', 'JedisCluster'], methods: ['*'], ignoreMethods: ['close'], derive: ['getResource'], pipeline: { create: ['pipelined', 'multi'], execute: ['sync', 'exec', 'syncAndReturnAll'] },
      types: ['Jedis', 'JedisPool', 'JedisPooled'], targetArg: 0 },
    { library: 'lettuce', kind: 'cache', modules: ['io.lettuce.core'], clients: ['RedisClient.create'], derive: ['connect', 'sync', 'async', 'reactive'], methods: ['get', 'set', 'del', 'hget', 'hset', 'incr', 'expire', 'publish', 'setex'], types: ['RedisClient'] },
    { library: 'spring-data-redis', kind: 'cache', modules: ['org.springframework.data.redis.core'], types: ['RedisTemplate', 'StringRedisTemplate'], derive: ['opsForValue', 'opsForHash', 'opsForList'], methods: ['get', 'set', 'delete', 'put', 'convertAndSend'] },
    { library: 'kafka-clients', kind: 'queue', modules: ['org.apache.kafka.clients.producer', 'org.apache.kafka.clients.consumer'], clients: ['KafkaProducer', 'KafkaConsumer'], methods: ['send', 'poll'], types: ['KafkaProducer', 'Producer', 'KafkaConsumer', 'Consumer'] },
    { library: 'spring-kafka', kind: 'queue', modules: ['org.springframework.kafka.core'], types: ['KafkaTemplate'], methods: ['send', 'sendDefault'] },
    { library: 'spring-amqp', kind: 'queue', modules: ['org.springframework.amqp.rabbit.core', 'org.springframework.amqp.core'], types: ['RabbitTemplate', 'AmqpTemplate'], clients: ['RabbitTemplate'], methods: ['convertAndSend', 'send', 'convertSendAndReceive'] },
    { library: 'javamail', kind: 'email', modules: ['javax.mail', 'jakarta.mail'], calls: ['Transport.send'], clients: ['Session.getInstance', 'Session.getDefaultInstance'] },
    { library: 'spring-mail', kind: 'email', modules: ['org.springframework.mail.javamail', 'org.springframework.mail'], types: ['JavaMailSender', 'MailSender'], clients: ['JavaMailSenderImpl'], methods: ['send'] },
    { library: 'grpc-java', kind: 'grpc', modules: ['io.grpc'], clients: ['ManagedChannelBuilder.forAddress', 'ManagedChannelBuilder.forTarget', 'NettyChannelBuilder.forAddress', 'Grpc.newChannelBuilder'], types: ['ManagedChannel', 'Channel'], stubs: true },
    { library: 'mongodb-java', kind: 'database', modules: ['com.mongodb.client'], clients: ['MongoClients.create'], types: ['MongoClient'] },
  ],
  annotations: [
    { library: 'feign', kind: 'http', names: ['FeignClient'], role: 'client', targetKeys: ['url', 'name', 'value'], typeIsClient: true },
    { library: 'feign', kind: 'http', names: ['GetMapping', 'PostMapping', 'PutMapping', 'PatchMapping', 'DeleteMapping', 'RequestMapping'], role: 'declaration', within: ['FeignClient'] },
    { library: 'spring-kafka', kind: 'queue', names: ['KafkaListener'], role: 'handler', targetKeys: ['topics'] },
    { library: 'spring-amqp', kind: 'queue', names: ['RabbitListener'], role: 'handler', targetKeys: ['queues'] },
    { library: 'spring-jms', kind: 'queue', names: ['JmsListener'], role: 'handler', targetKeys: ['destination'] },
    { library: 'aws-sqs', kind: 'queue', names: ['SqsListener'], role: 'handler', targetKeys: ['value'] },
  ],
  /** Spring Data repositories are interfaces of the project itself, injected by type: the name is the evidence. */
  typeSuffixes: [
    { library: 'spring-data-jpa', kind: 'database', suffix: 'Repository', methods: ['*'], ignoreMethods: ['toString', 'hashCode', 'equals'] },
  ],
  supertypes: [
    { library: 'spring-data-jpa', kind: 'database', supertypes: ['JpaRepository', 'CrudRepository', 'PagingAndSortingRepository', 'MongoRepository', 'ReactiveCrudRepository', 'ListCrudRepository', 'R2dbcRepository'] },
  ],
  // GET too: an OAuth provider sends the browser back to a GET callback.
  routeAnnotations: ['PostMapping', 'RequestMapping', 'PutMapping', 'GetMapping'],
  injectionAnnotations: ['Service', 'Component', 'RestController', 'Controller'],
  prefilterTokens: ['@PostMapping', '@RequestMapping', 'Listener', 'FeignClient', 'Repository'],
};
