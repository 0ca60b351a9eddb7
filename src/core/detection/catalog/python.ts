import type { LanguageCatalog } from './rule';

const HTTP_VERBS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options', 'request'];
/**
 * SQLAlchemy / SQLModel sessions are a unit of work: `add` and `delete` only stage objects, while a query
 * method sends SQL, and `commit` / `flush` send the staged writes and `refresh` reloads a row.
 */
const ORM_SESSION_METHODS = ['execute', 'scalars', 'scalar', 'get', 'query', 'commit', 'flush', 'refresh'];

/** Python libraries (PyPI / module names). Data only. */
export const pythonCatalog: LanguageCatalog = {
  libraries: [
    { library: 'requests', kind: 'http', modules: ['requests'], calls: HTTP_VERBS, clients: ['Session', 'session'], methods: HTTP_VERBS, types: ['Session'], timeoutKeys: ['timeout'], targetKeys: ['url'] },
    { library: 'httpx', kind: 'http', modules: ['httpx'], calls: [...HTTP_VERBS, 'stream'], clients: ['Client', 'AsyncClient'], methods: [...HTTP_VERBS, 'stream', 'send'], types: ['Client', 'AsyncClient'], timeoutKeys: ['timeout'], targetKeys: ['url', 'base_url'] },
    { library: 'aiohttp', kind: 'http', modules: ['aiohttp'], clients: ['ClientSession'], methods: [...HTTP_VERBS, 'ws_connect'], types: ['ClientSession'], timeoutKeys: ['timeout'], targetKeys: ['url', 'base_url'], targetArg: 0 },
    { library: 'urllib.request', kind: 'http', modules: ['urllib.request', 'urllib'], calls: ['urlopen', 'request.urlopen'], timeoutKeys: ['timeout'] },
    { library: 'urllib3', kind: 'http', modules: ['urllib3'], clients: ['PoolManager', 'HTTPConnectionPool', 'HTTPSConnectionPool'], calls: ['request'], methods: ['request', 'urlopen'], timeoutKeys: ['timeout'] },
    { library: 'grpcio', kind: 'grpc', modules: ['grpc', 'grpc.aio'], clients: ['insecure_channel', 'secure_channel', 'aio.insecure_channel', 'aio.secure_channel'], types: ['Channel'], stubs: true, timeoutKeys: ['timeout'] },
    { library: 'psycopg2', kind: 'database', modules: ['psycopg2', 'psycopg2.pool'], clients: ['connect', 'pool.SimpleConnectionPool', 'pool.ThreadedConnectionPool', 'SimpleConnectionPool', 'ThreadedConnectionPool'], methods: ['execute', 'executemany'], derive: ['cursor', 'getconn'], types: ['connection', 'cursor'],
      targetKeys: ['dsn', 'host'], timeoutKeys: ['connect_timeout'] },
    { library: 'psycopg', kind: 'database', modules: ['psycopg', 'psycopg_pool'], clients: ['connect', 'AsyncConnection.connect', 'Connection.connect', 'ConnectionPool', 'AsyncConnectionPool'], methods: ['execute', 'executemany'], derive: ['cursor', 'connection'], types: ['Connection', 'AsyncConnection', 'ConnectionPool', 'Cursor'],
      targetKeys: ['conninfo', 'host'], timeoutKeys: ['connect_timeout'] },
    { library: 'asyncpg', kind: 'database', modules: ['asyncpg'], clients: ['connect', 'create_pool'], methods: ['execute', 'fetch', 'fetchrow', 'fetchval', 'executemany'], derive: ['acquire'], types: ['Pool', 'Connection'], targetKeys: ['dsn', 'host'], timeoutKeys: ['timeout', 'command_timeout'] },
    { library: 'sqlalchemy', kind: 'database', modules: ['sqlalchemy', 'sqlalchemy.ext.asyncio', 'sqlalchemy.orm'], clients: ['create_engine', 'create_async_engine'], methods: ORM_SESSION_METHODS, derive: ['connect', 'begin', 'sessionmaker', 'orm.sessionmaker'], types: ['Session', 'AsyncSession', 'Engine'], targetKeys: ['url'], timeoutKeys: ['pool_timeout'],
      factories: ['sessionmaker', 'orm.sessionmaker', 'scoped_session', 'orm.scoped_session', 'async_sessionmaker', 'ext.asyncio.async_sessionmaker'], sessions: ['Session', 'orm.Session', 'AsyncSession', 'ext.asyncio.AsyncSession'] },
    { library: 'sqlmodel', kind: 'database', modules: ['sqlmodel'], clients: ['create_engine'], methods: ['exec', ...ORM_SESSION_METHODS], derive: ['connect'], types: ['Session'], targetKeys: ['url'], sessions: ['Session'] },
    { library: 'pymysql', kind: 'database', modules: ['pymysql', 'MySQLdb', 'mysql.connector'], clients: ['connect'], methods: ['execute'], derive: ['cursor'], targetKeys: ['host'], timeoutKeys: ['connect_timeout', 'read_timeout'] },
    { library: 'pymongo', kind: 'database', modules: ['pymongo', 'motor.motor_asyncio'], clients: ['MongoClient', 'AsyncIOMotorClient'], methods: ['find', 'find_one', 'insert_one', 'insert_many', 'update_one', 'update_many', 'delete_one', 'delete_many', 'aggregate', 'count_documents', 'replace_one', 'find_one_and_update', 'bulk_write', 'distinct'], derive: ['get_database', 'get_collection', 'get_default_database'], types: ['MongoClient', 'Database', 'Collection', 'AsyncIOMotorClient', 'AsyncIOMotorCollection'],
      targetKeys: ['host'], timeoutKeys: ['serverSelectionTimeoutMS', 'socketTimeoutMS', 'connectTimeoutMS'] },
    { library: 'redis', kind: 'cache', modules: ['redis', 'redis.asyncio'], clients: ['Redis', 'StrictRedis', 'from_url', 'Redis.from_url', 'asyncio.Redis', 'asyncio.from_url', 'ConnectionPool', 'RedisCluster'],
      methods: ['*'], ignoreMethods: ['close', 'connection_pool', 'aclose'], derive: ['pubsub'], types: ['Redis', 'StrictRedis', 'RedisCluster'], pipeline: { create: ['pipeline'], execute: ['execute'] }, handlerMethods: ['subscribe', 'psubscribe'],
      targetKeys: ['url', 'host'], timeoutKeys: ['socket_timeout', 'socket_connect_timeout'] },
    { library: 'pika', kind: 'queue', modules: ['pika'], clients: ['BlockingConnection', 'SelectConnection', 'asyncio_connection.AsyncioConnection'], methods: ['basic_publish'], handlerMethods: ['basic_consume', 'consume'], derive: ['channel'], types: ['BlockingConnection', 'BlockingChannel'],
      targetKeys: ['host'], timeoutKeys: ['socket_timeout', 'blocked_connection_timeout'] },
    { library: 'kafka-python', kind: 'queue', modules: ['kafka'], clients: ['KafkaProducer', 'KafkaAdminClient', 'KafkaConsumer'], methods: ['send', 'poll'], targetKeys: ['bootstrap_servers'], targetArg: -1, timeoutKeys: ['request_timeout_ms'] },
    { library: 'confluent-kafka', kind: 'queue', modules: ['confluent_kafka'], clients: ['Producer', 'admin.AdminClient', 'Consumer'], methods: ['produce', 'flush', 'poll', 'consume'], targetArg: -1 },
    { library: 'celery', kind: 'queue', modules: ['celery'], clients: ['Celery'], methods: ['send_task'], callsOnDecorated: ['delay', 'apply_async'], targetKeys: ['broker'], targetArg: 1 },
    // Every method of a boto3 client is an AWS API request but for its local helpers; the service decides the kind.
    { library: 'boto3', kind: 'http', modules: ['boto3', 'boto3.session'], clients: ['client', 'resource', 'Session.client', 'session.Session.client'], methods: ['*'],
      ignoreMethods: ['get_paginator', 'get_waiter', 'can_paginate', 'generate_presigned_url', 'generate_presigned_post', 'close', 'meta', 'exceptions', 'Bucket', 'Object', 'Table', 'Queue'],
      serviceKinds: { kinds: { sqs: 'queue', sns: 'queue', kinesis: 'queue', firehose: 'queue', eventbridge: 'queue', events: 'queue', ses: 'email', sesv2: 'email', dynamodb: 'database', 'rds-data': 'database', elasticache: 'cache' }, serviceHost: 'amazonaws.com' },
      targetKeys: ['endpoint_url'], targetArg: -1 },
    { library: 'elasticsearch', kind: 'database', modules: ['elasticsearch'], clients: ['Elasticsearch', 'AsyncElasticsearch'], methods: ['search', 'index', 'get', 'bulk', 'update', 'delete', 'count', 'msearch'], types: ['Elasticsearch', 'AsyncElasticsearch'], targetArg: 0, timeoutKeys: ['request_timeout', 'timeout'] },
    { library: 'aiokafka', kind: 'queue', modules: ['aiokafka'], clients: ['AIOKafkaProducer', 'AIOKafkaConsumer'], methods: ['send', 'send_and_wait', 'getone', 'getmany'], targetKeys: ['bootstrap_servers'], targetArg: -1 },
    { library: 'nats-py', kind: 'queue', modules: ['nats'], clients: ['connect'], methods: ['publish', 'request'], handlerMethods: ['subscribe'], targetKeys: ['servers'] },
    { library: 'google-cloud-pubsub', kind: 'queue', modules: ['google.cloud.pubsub', 'google.cloud.pubsub_v1'], clients: ['PublisherClient', 'SubscriberClient', 'pubsub_v1.PublisherClient', 'pubsub_v1.SubscriberClient'], methods: ['publish'], handlerMethods: ['subscribe'], fixedTarget: 'pubsub.googleapis.com', targetArg: -1 },
    // Google Cloud clients (gRPC transport) and LangChain's model and vector-store integrations.
    { library: 'google-cloud-secret-manager', kind: 'grpc', modules: ['google.cloud.secretmanager', 'google.cloud.secretmanager_v1'],
      clients: ['SecretManagerServiceClient', 'SecretManagerServiceAsyncClient', 'secretmanager.SecretManagerServiceClient', 'secretmanager_v1.SecretManagerServiceClient'],
      methods: ['access_secret_version', 'get_secret', 'list_secrets', 'create_secret', 'add_secret_version', 'delete_secret', 'get_secret_version', 'list_secret_versions'], fixedTarget: 'secretmanager.googleapis.com', targetArg: -1 },
    { library: 'google-cloud-storage', kind: 'http', modules: ['google.cloud.storage'], clients: ['Client', 'storage.Client'], methods: ['get_bucket', 'bucket', 'list_blobs', 'list_buckets', 'upload_from_filename', 'upload_from_string', 'download_as_bytes', 'download_as_text', 'download_to_filename', 'delete'],
      derive: ['bucket', 'blob'], fixedTarget: 'storage.googleapis.com', targetArg: -1 },
    { library: 'langchain-chat', kind: 'http', modules: ['langchain_google_genai', 'langchain_openai', 'langchain_anthropic', 'langchain_google_vertexai', 'langchain_mistralai', 'langchain_groq', 'langchain_ollama', 'langchain_aws'],
      clients: ['ChatGoogleGenerativeAI', 'GoogleGenerativeAIEmbeddings', 'ChatOpenAI', 'OpenAIEmbeddings', 'AzureChatOpenAI', 'ChatAnthropic', 'ChatVertexAI', 'VertexAIEmbeddings', 'ChatMistralAI', 'ChatGroq', 'ChatOllama', 'OllamaEmbeddings', 'ChatBedrock', 'BedrockEmbeddings'],
      libraryFromModule: true, methods: ['invoke', 'ainvoke', 'stream', 'astream', 'batch', 'abatch', 'embed_query', 'embed_documents', 'aembed_query', 'aembed_documents', 'predict', 'generate'], targetArg: -1, timeoutKeys: ['timeout', 'request_timeout'] },
    { library: 'langchain-vectorstore', kind: 'database', modules: ['langchain_google_alloydb_pg', 'langchain_postgres', 'langchain_mongodb', 'langchain_google_cloud_sql_pg', 'langchain_pinecone', 'langchain_chroma', 'langchain_qdrant'],
      clients: ['AlloyDBEngine.from_instance', 'AlloyDBEngine.afrom_instance', 'AlloyDBVectorStore.create_sync', 'AlloyDBVectorStore.create', 'PostgresEngine.from_instance', 'PGVector', 'PGVector.from_documents',
        'MongoDBAtlasVectorSearch', 'MongoDBAtlasVectorSearch.from_connection_string', 'PineconeVectorStore', 'Chroma', 'QdrantVectorStore', 'QdrantVectorStore.from_documents'],
      libraryFromModule: true, methods: ['similarity_search', 'similarity_search_with_score', 'asimilarity_search', 'max_marginal_relevance_search', 'add_documents', 'add_texts', 'aadd_documents', 'delete', 'init_vectorstore_table'], targetArg: -1 },
    { library: 'openai', kind: 'http', modules: ['openai'], clients: ['OpenAI', 'AsyncOpenAI', 'AzureOpenAI'], methods: ['*'], fixedTarget: 'api.openai.com', targetArg: -1, targetKeys: ['base_url'], timeoutKeys: ['timeout'] },
    { library: 'anthropic', kind: 'http', modules: ['anthropic'], clients: ['Anthropic', 'AsyncAnthropic'], methods: ['*'], fixedTarget: 'api.anthropic.com', targetArg: -1, targetKeys: ['base_url'], timeoutKeys: ['timeout'] },
    // The Django ORM: `Model.objects.filter(…)` in a module that uses Django. Querysets are lazy, but the line that
    // builds one from the manager is where the query is written (the protocol's label line).
    { library: 'django', kind: 'database', modules: ['django'], methods: ['all', 'filter', 'exclude', 'get', 'create', 'get_or_create', 'update_or_create', 'bulk_create', 'bulk_update',
      'update', 'delete', 'count', 'exists', 'first', 'last', 'values', 'values_list', 'order_by', 'aggregate', 'annotate', 'select_related', 'prefetch_related', 'in_bulk', 'iterator', 'raw', 'latest', 'earliest', 'distinct', 'none'],
      memberClient: { imports: ['*'], attribute: 'objects' }, calls: ['shortcuts.get_object_or_404', 'shortcuts.get_list_or_404'],
      anyReceiverMethods: ['save', 'delete', 'refresh_from_db'], anyReceiverUnless: { option: 'commit', value: 'False' }, targetArg: -1 },
    // Load tests: a locust user's `self.client` is an HTTP session against the host under test.
    { library: 'locust', kind: 'http', modules: ['locust', 'locust.contrib.fasthttp'], methods: HTTP_VERBS, memberClient: { imports: ['HttpUser', 'FastHttpUser', 'TaskSet', 'SequentialTaskSet'], attribute: 'client' } },
    // Django's mail API sends through the configured backend (SMTP, SES …): `send_mail(…)`, `EmailMessage(…).send()`.
    { library: 'django.core.mail', kind: 'email', modules: ['django.core.mail'], calls: ['send_mail', 'send_mass_mail', 'mail_admins', 'mail_managers'],
      clients: ['EmailMessage', 'EmailMultiAlternatives', 'get_connection'], methods: ['send', 'send_messages'], targetArg: -1 },
    { library: 'smtplib', kind: 'email', modules: ['smtplib'], clients: ['SMTP', 'SMTP_SSL'], methods: ['sendmail', 'send_message'], timeoutKeys: ['timeout'], targetKeys: ['host'] },
    // Stripe's static resource API (`stripe.Customer.create(…)`, `stripe.checkout.Session.create(…)`) and StripeClient.
    { library: 'stripe', kind: 'http', modules: ['stripe'], calls: ['*.create', '*.retrieve', '*.modify', '*.update', '*.list', '*.delete', '*.cancel', '*.confirm', '*.capture', '*.search', '*.*.create', '*.*.retrieve', '*.*.list', '*.*.modify', '*.*.expire'], clients: ['StripeClient'], methods: ['*'],
      ignoreMethods: ['construct_event'], fixedTarget: 'api.stripe.com', targetArg: -1 },
    { library: 'authlib', kind: 'auth', modules: ['authlib.integrations.flask_client', 'authlib.integrations.starlette_client', 'authlib.integrations.requests_client', 'authlib.integrations.httpx_client'], clients: ['OAuth', 'OAuth2Session', 'AsyncOAuth2Client'], methods: ['fetch_token', 'authorize_access_token'], targetArg: -1 },
  ],
  annotations: [
    { library: 'celery', kind: 'queue', names: ['task', 'shared_task'], modules: ['celery'], role: 'handler' },
  ],
  // `get` too: an OAuth provider sends the browser back to a GET callback.
  routeAnnotations: ['post', 'route', 'api_route', 'put', 'get'],
  prefilterTokens: ['webhook', 'callback', 'shared_task'],
};
