import { rule } from '../rule.js';

const URL_REMEDIATION = 'Change the password on the server, then build the URL at run time from an environment variable or a secret manager.';

/** `scheme://user:password@host`: the password is the secret; placeholders and ${VARS} are not. */
function credentialUrl(schemes: string): string {
  return `(?<![A-Za-z0-9+.-])(?:${schemes}):\\/\\/[^\\s:@/"'\`<>]{1,64}:([^\\s@/"'\`<>]{3,128})@[A-Za-z0-9._-]`;
}

const PLACEHOLDER_FP = (scheme: string) => [
  `${scheme}://user:password@localhost/db`,
  `${scheme}://user:\${DB_PASSWORD}@db.internal/app`,
  `${scheme}://admin:<password>@db.internal/app`,
  `${scheme}://db.internal:5432/app`,
];

/** Database, broker and service URLs and connection strings that carry a password. */
export const urlRules = [
  ...([
    ['postgres-url', 'PostgreSQL URL with a password', 'postgres(?:ql)?(?:\\+[a-z0-9]+)?', 'postgresql', ['postgres']],
    ['mysql-url', 'MySQL / MariaDB URL with a password', 'mysql(?:\\+[a-z0-9]+)?|mariadb', 'mysql', ['mysql', 'mariadb']],
    ['mongodb-url', 'MongoDB URL with a password', 'mongodb(?:\\+srv)?', 'mongodb+srv', ['mongodb']],
    ['redis-url', 'Redis URL with a password', 'rediss?', 'redis', ['redis']],
    ['amqp-url', 'AMQP (RabbitMQ) URL with a password', 'amqps?', 'amqps', ['amqp']],
    ['mssql-url', 'SQL Server URL with a password', 'mssql|sqlserver', 'sqlserver', ['mssql', 'sqlserver']],
    ['ldap-url', 'LDAP URL with a bind password', 'ldaps?', 'ldaps', ['ldap']],
    ['smtp-url', 'SMTP URL with a password', 'smtps?', 'smtps', ['smtp']],
    ['ftp-url', 'FTP / FTPS / SFTP URL with a password', 's?ftps?', 'ftps', ['ftp']],
    ['kafka-url', 'Kafka / NATS / MQTT URL with a password', 'kafka|nats|mqtts?', 'mqtts', ['kafka', 'nats', 'mqtt']],
    ['http-basic-auth-url', 'HTTP URL with embedded credentials', 'https?', 'https', ['http']],
  ] as const).map(([id, title, schemes, sample, keywords]) =>
    rule({
      id, title, keywords: keywords.map((k) => `${k}`), remediation: URL_REMEDIATION, severity: 'high', placeholders: 'strict',
      regex: credentialUrl(schemes),
      entropy: 2.5,
      tp: [`DATABASE_URL=${sample}://app_user:{a62:18}@db.prod.internal:1234/app`, `url: "${sample}://svc:{a62:10}{d:4}@10.0.0.12/"`],
      fp: PLACEHOLDER_FP(sample),
    }),
  ),
  rule({
    id: 'jdbc-password', title: 'JDBC URL with a password parameter', keywords: ['jdbc:'], remediation: URL_REMEDIATION, placeholders: 'strict',
    regex: /jdbc:[a-z0-9]+:[^\s"'<>]{0,200}?[;?&]password=([^;&\s"'<>]{4,128})/i,
    entropy: 2.5,
    tp: ['spring.datasource.url=jdbc:sqlserver://db:1433;databaseName=app;user=sa;password={a62:16}'], fp: ['jdbc:postgresql://db/app?user=app&password=${DB_PASSWORD}'],
  }),
  rule({
    id: 'dotnet-connection-string-password', title: '.NET / ODBC connection string with a password', keywords: ['password=', 'pwd='], remediation: URL_REMEDIATION, placeholders: 'strict',
    regex: /(?:Server|Data Source|Host|Address)\s*=\s*[^;"'\n]{1,200};[^"'\n]{0,300}?(?:Password|Pwd)\s*=\s*([^;"'\s]{4,128})/i,
    entropy: 2.5,
    tp: ['"Default": "Server=tcp:acme.database.windows.net,1433;Database=app;User ID=app;Password={a62:16};Encrypt=True"'],
    fp: ['Server=localhost;Database=app;User Id=sa;Password=<YourStrong@Passw0rd>;', 'Server=db;Database=app;Password={0};'],
  }),
];
