import type { LanguageCatalog } from './rule';

const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'request'];

/** Rust crates. A crate path (`reqwest::get`) needs no `use`. Data only. */
export const rustCatalog: LanguageCatalog = {
  libraries: [
    { library: 'reqwest', kind: 'http', modules: ['reqwest', 'reqwest::blocking'], calls: ['get', 'blocking.get'], clients: ['Client.new', 'Client.builder', 'ClientBuilder.new', 'blocking.Client.new', 'blocking.Client.builder', 'Client.default'],
      methods: HTTP_VERBS, types: ['Client'], timeoutKeys: ['timeout', 'connect_timeout'] },
    { library: 'hyper', kind: 'http', modules: ['hyper', 'hyper_util'], clients: ['Client.new', 'Client.builder'], methods: ['request'], targetArg: 0 },
    { library: 'tonic', kind: 'grpc', modules: ['tonic', 'tonic::transport'], clients: ['Channel.from_static', 'Channel.from_shared', 'Endpoint.from_static', 'Endpoint.from_shared', 'transport.Channel.from_static', 'transport.Endpoint.from_shared', 'transport.Channel.from_shared', 'transport.Endpoint.from_static'],
      timeoutKeys: ['timeout', 'connect_timeout'], generatedClients: { moduleSuffix: '_client', connect: ['connect'], wrap: ['new', 'with_interceptor', 'with_origin'] } },
    { library: 'sqlx', kind: 'database', modules: ['sqlx', 'sqlx::postgres', 'sqlx::mysql', 'sqlx::sqlite'], clients: ['PgPool.connect', 'PgPoolOptions.new', 'MySqlPool.connect', 'MySqlPoolOptions.new', 'SqlitePool.connect', 'Pool.connect', 'postgres.PgPoolOptions.new', 'postgres.PgPool.connect', 'PgConnection.connect', 'connect',
        'PgConnectOptions.new', 'postgres.PgConnectOptions.new', 'MySqlConnectOptions.new', 'PgPoolOptions.connect_lazy_with', 'PgPool.connect_lazy_with'],
      calls: ['query', 'query_as', 'query_scalar'],
      // An executor (pool, transaction, connection) runs a query given to it, or a query runs on the executor passed in.
      // `pool.begin()` and `transaction.commit()` are round trips too (BEGIN, COMMIT).
      methods: ['execute', 'fetch', 'fetch_one', 'fetch_optional', 'fetch_all', 'fetch_many', 'begin', 'commit', 'rollback'], argMethods: ['execute', 'fetch', 'fetch_one', 'fetch_optional', 'fetch_all', 'fetch_many'],
      types: ['PgPool', 'Pool', 'MySqlPool', 'Transaction', 'PgConnection', 'MySqlConnection', 'SqlitePool'], timeoutKeys: ['acquire_timeout', 'connect_timeout'] },
    // actix-web sessions kept in Redis: the store is the Redis client (session reads and writes go through middleware).
    { library: 'actix-session', kind: 'cache', modules: ['actix_session'], clients: ['storage.RedisSessionStore.new', 'RedisSessionStore.new'], targetArg: 0 },
    { library: 'diesel', kind: 'database', argMethods: ['load', 'get_result', 'get_results', 'execute', 'first', 'load_iter'], modules: ['diesel', 'diesel::pg', 'diesel::r2d2'], clients: ['PgConnection.establish', 'pg.PgConnection.establish', 'MysqlConnection.establish', 'SqliteConnection.establish', 'Connection.establish', 'r2d2.ConnectionManager.new', 'ConnectionManager.new'],
      types: ['PgConnection', 'MysqlConnection', 'SqliteConnection', 'PooledConnection'] },
    { library: 'tokio-postgres', kind: 'database', modules: ['tokio_postgres'], clients: ['connect'], methods: ['query', 'execute', 'query_one'] },
    { library: 'redis', kind: 'cache', modules: ['redis'], clients: ['Client.open', 'cluster.ClusterClient.new'], derive: ['get_connection', 'get_async_connection', 'get_multiplexed_async_connection', 'get_multiplexed_tokio_connection'],
      methods: ['get', 'set', 'del', 'set_ex', 'hget', 'hset', 'incr', 'expire', 'publish', 'query', 'query_async'], argMethods: ['query', 'query_async'], types: ['Client', 'Connection', 'MultiplexedConnection', 'ConnectionManager'] },
    { library: 'lapin', kind: 'queue', modules: ['lapin'], clients: ['Connection.connect'], methods: ['basic_publish'], handlerMethods: ['basic_consume'], derive: ['create_channel'] },
    { library: 'rdkafka', kind: 'queue', modules: ['rdkafka', 'rdkafka::producer', 'rdkafka::consumer'], clients: ['ClientConfig.new', 'config.ClientConfig.new'],
      // Pulling a message (`recv`, `poll`) is a call, as Java's `poll` and confluent-kafka's are; `subscribe` only names topics.
      methods: ['send', 'send_result', 'recv', 'poll'], handlerMethods: ['stream'], ignoreMethods: ['subscribe'],
      types: ['FutureProducer', 'BaseProducer', 'ThreadedProducer', 'StreamConsumer', 'BaseConsumer'] },
    { library: 'async-nats', kind: 'queue', modules: ['async_nats'], clients: ['connect'], methods: ['publish', 'request'], handlerMethods: ['subscribe'] },
    { library: 'mongodb', kind: 'database', modules: ['mongodb'], clients: ['Client.with_uri_str', 'Client.with_options'], methods: ['find', 'find_one', 'insert_one', 'insert_many', 'update_one', 'update_many', 'delete_one', 'delete_many', 'aggregate', 'count_documents'], derive: ['database', 'collection'], types: ['Client', 'Database', 'Collection'], targetArg: 0 },
    { library: 'lettre', kind: 'email', modules: ['lettre', 'lettre::transport::smtp'], clients: ['SmtpTransport.relay', 'SmtpTransport.starttls_relay', 'SmtpTransport.builder_dangerous', 'AsyncSmtpTransport.relay', 'AsyncSmtpTransport.starttls_relay', 'SmtpTransport.from_url', 'AsyncSmtpTransport.from_url', 'transport.smtp.SmtpTransport.relay'],
      methods: ['send'], timeoutKeys: ['timeout'], types: ['SmtpTransport', 'AsyncSmtpTransport'] },
  ],
  routeMethods: ['route'],
  routeChainRoots: ['Router'],
  prefilterTokens: ['webhook'],
};
