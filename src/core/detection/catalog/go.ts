import type { LanguageCatalog } from './rule';

/** Go libraries (import paths; a trailing /vN major version is ignored when matching). Data only. */
export const goCatalog: LanguageCatalog = {
  libraries: [
    { library: 'net/http', kind: 'http', modules: ['net/http'], calls: ['Get', 'Post', 'Head', 'PostForm', 'DefaultClient.Do', 'DefaultClient.Get', 'DefaultClient.Post'], clients: ['Client'],
      methods: ['Do', 'Get', 'Post', 'Head', 'PostForm'], types: ['Client'], timeoutKeys: ['Timeout'], targetKeys: [] },
    { library: 'github.com/go-resty/resty', kind: 'http', modules: ['github.com/go-resty/resty'], clients: ['New', 'NewWithClient'], methods: ['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Execute'], derive: ['R', 'SetTimeout', 'SetRetryCount', 'SetBaseURL', 'SetHeader', 'SetBody', 'SetContext', 'SetResult', 'SetQueryParam', 'SetAuthToken'],
      types: ['Client'], timeoutKeys: ['SetTimeout'], targetArg: 0 },
    { library: 'google.golang.org/grpc', kind: 'grpc', modules: ['google.golang.org/grpc'], clients: ['Dial', 'DialContext', 'NewClient'], types: ['ClientConn'], stubs: true, timeoutKeys: ['WithTimeout'] },
    { library: 'database/sql', kind: 'database', modules: ['database/sql'], clients: ['Open', 'OpenDB'], methods: ['Query', 'QueryContext', 'QueryRow', 'QueryRowContext', 'Exec', 'ExecContext', 'Ping', 'PingContext', 'Prepare', 'PrepareContext'],
      derive: ['Begin', 'BeginTx', 'Conn'], types: ['DB', 'Tx', 'Conn'], targetArg: 1 },
    { library: 'github.com/jackc/pgx', kind: 'database', modules: ['github.com/jackc/pgx', 'github.com/jackc/pgx/pgxpool'], clients: ['Connect', 'New', 'NewWithConfig', 'ConnectConfig'], methods: ['Query', 'QueryRow', 'Exec', 'SendBatch', 'Ping'],
      derive: ['Acquire', 'Begin'], types: ['Conn', 'Pool'], targetArg: 1 },
    { library: 'gorm.io/gorm', kind: 'database', modules: ['gorm.io/gorm'], clients: ['Open'], methods: ['Create', 'Find', 'First', 'Take', 'Last', 'Save', 'Delete', 'Raw', 'Exec', 'Updates', 'Update', 'Scan', 'Count', 'Pluck'], types: ['DB'], targetArg: -1 },
    { library: 'github.com/redis/go-redis', kind: 'cache', modules: ['github.com/redis/go-redis', 'github.com/go-redis/redis'], clients: ['NewClient', 'NewClusterClient', 'NewFailoverClient', 'NewUniversalClient'],
      methods: ['*'], ignoreMethods: ['Close', 'Options', 'Context', 'WithContext', 'AddHook', 'Conn', 'PoolStats'], handlerMethods: ['Subscribe', 'PSubscribe'], pipeline: { create: ['Pipeline', 'TxPipeline'], execute: ['Exec'] },
      types: ['Client', 'ClusterClient', 'UniversalClient'], targetKeys: ['Addr', 'Addrs'], timeoutKeys: ['ReadTimeout', 'WriteTimeout', 'DialTimeout'], targetArg: -1 },
    { library: 'github.com/rabbitmq/amqp091-go', kind: 'queue', modules: ['github.com/rabbitmq/amqp091-go', 'github.com/streadway/amqp'], clients: ['Dial', 'DialConfig', 'DialTLS'], methods: ['Publish', 'PublishWithContext'], handlerMethods: ['Consume', 'ConsumeWithContext'],
      derive: ['Channel'], types: ['Connection', 'Channel'] },
    { library: 'github.com/ibm/sarama', kind: 'queue', modules: ['github.com/IBM/sarama', 'github.com/Shopify/sarama'], clients: ['NewSyncProducer', 'NewAsyncProducer', 'NewClient', 'NewConsumer', 'NewConsumerGroup'], methods: ['SendMessage', 'SendMessages'], handlerMethods: ['Consume', 'ConsumePartition'],
      types: ['SyncProducer', 'AsyncProducer'], targetArg: 0 },
    { library: 'github.com/segmentio/kafka-go', kind: 'queue', modules: ['github.com/segmentio/kafka-go'], clients: ['Writer', 'NewWriter', 'Dial', 'DialLeader', 'NewReader', 'Reader'], methods: ['WriteMessages', 'ReadMessage', 'FetchMessage', 'CommitMessages'],
      types: ['Writer', 'Reader'], targetKeys: ['Addr', 'Brokers'], targetArg: -1 },
    { library: 'github.com/nats-io/nats.go', kind: 'queue', modules: ['github.com/nats-io/nats.go'], clients: ['Connect'], methods: ['Publish', 'Request', 'PublishMsg'], handlerMethods: ['Subscribe', 'QueueSubscribe', 'ChanSubscribe'], types: ['Conn'], timeoutKeys: ['Timeout'] },
    { library: 'golang.org/x/oauth2', kind: 'auth', modules: ['golang.org/x/oauth2'], clients: ['Config'], methods: ['Exchange', 'Client', 'TokenSource'], types: ['Config'], targetArg: -1 },
    { library: 'net/smtp', kind: 'email', modules: ['net/smtp'], calls: ['SendMail'], clients: ['Dial'], targetArg: 0 },
    { library: 'github.com/stripe/stripe-go', kind: 'http', modules: ['github.com/stripe/stripe-go'], calls: ['New'], fixedTarget: 'api.stripe.com', targetArg: -1 },
  ],
  routeMethods: ['HandleFunc', 'Handle', 'POST', 'PUT', 'Post', 'Put', 'Any', 'Group'],
  prefilterTokens: ['HandleFunc', 'webhook'],
};
