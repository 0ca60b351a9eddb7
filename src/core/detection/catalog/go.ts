import type { LanguageCatalog } from './rule';

/** Go libraries (import paths; a trailing /vN major version is ignored when matching). Data only. */
export const goCatalog: LanguageCatalog = {
  libraries: [
    { library: 'net/http', kind: 'http', modules: ['net/http'], calls: ['Get', 'Post', 'Head', 'PostForm', 'DefaultClient.Do', 'DefaultClient.Get', 'DefaultClient.Post'], clients: ['Client'],
      methods: ['Do', 'Get', 'Post', 'Head', 'PostForm'], types: ['Client'], timeoutKeys: ['Timeout'], targetKeys: [] },
    { library: 'resty', kind: 'http', modules: ['github.com/go-resty/resty'], clients: ['New', 'NewWithClient'], methods: ['Get', 'Post', 'Put', 'Patch', 'Delete', 'Head', 'Execute'], derive: ['R', 'SetTimeout', 'SetRetryCount', 'SetBaseURL', 'SetHeader', 'SetBody', 'SetContext', 'SetResult', 'SetQueryParam', 'SetAuthToken'],
      types: ['Client'], timeoutKeys: ['SetTimeout'], targetArg: 0 },
    { library: 'grpc-go', kind: 'grpc', modules: ['google.golang.org/grpc'], clients: ['Dial', 'DialContext', 'NewClient'], types: ['ClientConn'], timeoutKeys: ['WithTimeout'] },
    { library: 'database/sql', kind: 'database', modules: ['database/sql'], clients: ['Open', 'OpenDB'], methods: ['Query', 'QueryContext', 'QueryRow', 'QueryRowContext', 'Exec', 'ExecContext', 'Ping', 'PingContext', 'Prepare', 'PrepareContext'],
      derive: ['Begin', 'BeginTx', 'Conn'], types: ['DB', 'Tx', 'Conn'], targetArg: 1 },
    { library: 'pgx', kind: 'database', modules: ['github.com/jackc/pgx', 'github.com/jackc/pgx/pgxpool'], clients: ['Connect', 'New', 'NewWithConfig', 'ConnectConfig'], methods: ['Query', 'QueryRow', 'Exec', 'SendBatch', 'Ping'],
      derive: ['Acquire', 'Begin'], types: ['Conn', 'Pool'], targetArg: 1 },
    { library: 'gorm', kind: 'database', modules: ['gorm.io/gorm'], clients: ['Open'], methods: ['Create', 'Find', 'First', 'Save', 'Delete', 'Raw', 'Exec', 'Updates'], types: ['DB'], targetArg: -1 },
    { library: 'go-redis', kind: 'cache', modules: ['github.com/redis/go-redis', 'github.com/go-redis/redis'], clients: ['NewClient', 'NewClusterClient', 'NewFailoverClient', 'NewUniversalClient'],
      methods: ['Get', 'Set', 'Del', 'HGet', 'HSet', 'HGetAll', 'Incr', 'Expire', 'Publish', 'LPush', 'RPush', 'MGet', 'SetEX', 'SetNX', 'Exists', 'Ping', 'Pipeline'], handlerMethods: ['Subscribe', 'PSubscribe'],
      types: ['Client', 'ClusterClient', 'UniversalClient'], targetKeys: ['Addr', 'Addrs'], timeoutKeys: ['ReadTimeout', 'WriteTimeout', 'DialTimeout'], targetArg: -1 },
    { library: 'amqp091-go', kind: 'queue', modules: ['github.com/rabbitmq/amqp091-go', 'github.com/streadway/amqp'], clients: ['Dial', 'DialConfig', 'DialTLS'], methods: ['Publish', 'PublishWithContext'], handlerMethods: ['Consume', 'ConsumeWithContext'],
      derive: ['Channel'], types: ['Connection', 'Channel'] },
    { library: 'sarama', kind: 'queue', modules: ['github.com/IBM/sarama', 'github.com/Shopify/sarama'], clients: ['NewSyncProducer', 'NewAsyncProducer', 'NewClient'], handlers: ['NewConsumer', 'NewConsumerGroup'], methods: ['SendMessage', 'SendMessages'],
      types: ['SyncProducer', 'AsyncProducer'], targetArg: 0 },
    { library: 'kafka-go', kind: 'queue', modules: ['github.com/segmentio/kafka-go'], clients: ['Writer', 'NewWriter', 'Dial', 'DialLeader'], handlers: ['NewReader', 'Reader'], methods: ['WriteMessages'], handlerMethods: ['ReadMessage', 'FetchMessage'],
      types: ['Writer', 'Reader'], targetKeys: ['Addr', 'Brokers'], targetArg: -1 },
    { library: 'nats.go', kind: 'queue', modules: ['github.com/nats-io/nats.go'], clients: ['Connect'], methods: ['Publish', 'Request', 'PublishMsg'], handlerMethods: ['Subscribe', 'QueueSubscribe', 'ChanSubscribe'], types: ['Conn'], timeoutKeys: ['Timeout'] },
    { library: 'net/smtp', kind: 'email', modules: ['net/smtp'], calls: ['SendMail'], clients: ['Dial'], targetArg: 0 },
    { library: 'stripe-go', kind: 'http', modules: ['github.com/stripe/stripe-go'], calls: ['New'], fixedTarget: 'api.stripe.com', targetArg: -1 },
  ],
  routeMethods: ['HandleFunc', 'Handle', 'POST', 'PUT', 'Post', 'Put', 'Any', 'Group'],
  prefilterTokens: ['HandleFunc', 'webhook'],
};
