import { isPublishedTestKey } from '../examples.js';
import { assigned, prefixed, rule, UUID } from '../rule.js';

/**
 * SaaS credentials recognised by their vendor's name next to them (client ids, app keys, signing keys without a
 * prefix of their own) and a few prefixed formats: Airtable, Asana, Authress, Confluent, Discord, Dropbox, HubSpot,
 * 42 Intra, KuCoin, LinkedIn, Lob, MessageBird, NuGet, RapidAPI, Sendbird, SettleMint, Sidekiq, Squarespace, Sumo
 * Logic, Telegram, Scalingo, ClickHouse, Cloudflare's scannable tokens, Vercel's prefixed tokens, base64 JWTs.
 * Formats come from each vendor's token documentation; names match in any case and style (discordClientId,
 * DISCORD_CLIENT_ID, discord.client-id).
 */
/**
 * A value next to a vendor name, with no prefix of its own: it must hold a digit by default (random 17+ character
 * values almost always do; words and identifiers such as some_long_identifier_name do not).
 */
const DIGIT = [/\d/];
const keyed = (id: string, title: string, vendors: string[], secret: string, tp: string[], fp: string[], entropy?: number, charset: RegExp[] = DIGIT) =>
  rule({ id, title, charset, keywords: [...new Set(vendors.flatMap((v) => ['', '_', '-', '.'].map((sep) => v.replace(/[-_.]/g, sep))))], regex: assigned(vendors, secret), ...(entropy !== undefined ? { entropy } : {}), tp, fp });

export const saasRules = [
  keyed('airtable-api-key', 'Airtable API key (legacy)', ['airtable'], '[A-Za-z0-9]{17}', ['AIRTABLE_API_KEY=key{a62:14}', 'airtableKey: "{a36:17}"'], ['AIRTABLE_API_KEY=${AIRTABLE_API_KEY}', 'airtableBase = "app{a62:20}"'], 3),
  keyed('asana-client-id', 'Asana OAuth client id', ['asana'], '[0-9]{16}', ['ASANA_CLIENT_ID={d:16}', 'asanaClientId: "{d:16}"'], ['ASANA_CLIENT_ID=0000000000000000', 'asanaProjectCount = {d:4}'], 2.5),
  keyed('asana-client-secret', 'Asana OAuth client secret', ['asana'], '[a-z0-9]{32}', ['ASANA_CLIENT_SECRET={a36:32}'], ['ASANA_CLIENT_SECRET={{ asana_secret }}'], 3.2),
  rule({
    id: 'authress-access-key', title: 'Authress service client access key', keywords: ['.acc_', '.acc-'],
    // <client>.<key id>.acc_<account>.<base64 private key>
    regex: prefixed('(?:sc|ext|scauth|authress)_', '[a-z0-9]{5,30}\\.[a-z0-9]{4,6}\\.acc[_-][a-z0-9-]{10,32}\\.[a-z0-9+/_=-]{30,120}', 'A-Za-z0-9_+/=-'),
    entropy: 3.5,
    tp: ['AUTHRESS_KEY=sc_{a36:10}.{a36:4}.acc_{a36:12}.{a36:40}'], fp: ['sc_{a36:10}.{a36:4}.acc_short'],
  }),
  keyed('confluent-api-key', 'Confluent Cloud API key', ['confluent'], '[A-Za-z0-9]{16}', ['CONFLUENT_API_KEY={A36:16}', 'confluentToken: "{a36:16}"'], ['CONFLUENT_API_KEY=XXXXXXXXXXXXXXXX', 'confluent_topic = "orders-v1"'], 3, []),
  keyed('discord-client-id', 'Discord application (client) id', ['discord'], '[0-9]{18}', ['DISCORD_CLIENT_ID={d:18}'], ['discord=000000000000000000', 'discordGuildCount = {d:3}'], 2.5),
  keyed('discord-client-secret', 'Discord OAuth client secret', ['discord'], '[A-Za-z0-9_-]{32}', ['DISCORD_CLIENT_SECRET={b64u:32}', 'discordSecret = "{d:32}"'], ['discord=00000000000000000000000000000000', 'DISCORD_CLIENT_SECRET=${DISCORD_CLIENT_SECRET}', 'discordWebhookPath = "some_long_identifier_text_here_x"'], 2.5),
  keyed('dropbox-app-key', 'Dropbox app key', ['dropbox'], '[a-z0-9]{15}', ['DROPBOX_APP_KEY={a36:15}'], ['DROPBOX_APP_KEY=your_app_key', 'dropboxFolder = "shared"'], 3, []),
  keyed('hubspot-api-key', 'HubSpot API key (legacy hapikey)', ['hubspot', 'hapikey'], UUID, ['HUBSPOT_API_KEY={uuid}', 'hubspotToken: {uuid}'], ['HUBSPOT_API_KEY=${HUBSPOT_API_KEY}'], 3),
  rule({
    id: 'intra42-client-secret', title: '42 Intra OAuth client secret', keywords: ['s-s4t2'],
    regex: prefixed('s-s4t2(?:ud|af)-', '[a-f0-9]{64}'),
    tp: ['FT_CLIENT_SECRET=s-s4t2ud-{hex:64}'], fp: ['s-s4t2ud-{hex:10}'],
  }),
  keyed('kucoin-access-token', 'KuCoin API key', ['kucoin'], '[a-f0-9]{24}', ['KUCOIN_API_KEY={hex:24}'], ['KUCOIN_API_KEY=<api key>'], 3),
  keyed('kucoin-secret-key', 'KuCoin API secret', ['kucoin'], UUID, ['KUCOIN_API_SECRET={uuid}', 'kucoinSecret: "{uuid}"'], ['KUCOIN_API_SECRET=${KUCOIN_SECRET}'], 3),
  keyed('linkedin-client-id', 'LinkedIn OAuth client id', ['linkedin', 'linked_in'], '[a-z0-9]{14}', ['LINKEDIN_CLIENT_ID=86{a:12}', 'linkedInClientId: "{a36:14}"'], ['linkedin_url = "https://linkedin.com/in/x"', 'LINKEDIN_CLIENT_ID=xxxxxxxxxxxxxx'], 3, []),
  keyed('lob-api-key', 'Lob API key', ['lob'], '(?:live|test)_[a-f0-9]{35}', ['LOB_API_KEY=live_{hex:35}', 'lobKey: "test_{hex:35}"'], ['globalKey = "live_{hex:35}"', 'LOB_API_KEY=live_{hex:10}'], 3),
  keyed('lob-publishable-key', 'Lob publishable API key', ['lob'], '(?:live|test)_pub_[a-f0-9]{31}', ['LOB_PUB_KEY=live_pub_{hex:31}'], ['blobKey = "live_pub_{hex:31}"'], 3),
  keyed('messagebird-client-id', 'MessageBird client id', ['message_bird'], UUID, ['MESSAGEBIRD_CLIENT_ID={uuid}', 'messageBirdClientId: {uuid}'], ['MESSAGEBIRD_CLIENT_ID=${MESSAGEBIRD_CLIENT_ID}'], 3),
  rule({
    id: 'nuget-config-password', title: 'Clear-text password in a NuGet.Config package source', keywords: ['cleartextpassword'],
    regex: /<add\s+key\s*=\s*["']ClearTextPassword["']\s+value\s*=\s*["']([^"'\n]{6,200})["']/i,
    // %VAR% is an environment reference, resolved by NuGet at run time; Microsoft's reference prints two sample passwords.
    validate: (s) => !/^%[^%]+%$/.test(s) && !isPublishedTestKey(s),
    tp: ['<add key="ClearTextPassword" value="{a62:14}" />', '<Feed_x0020_A>\n  <add key="Username" value="ci" />\n  <add key="ClearTextPassword" value="{a62:8}!{d:4}" />'],
    fp: [
      '<add key="ClearTextPassword" value="%NUGET_PASSWORD%" />', '<add key="ClearTextPassword" value="abc" />',
      '<Test_x0020_Source>\n  <add key="Username" value="user" />\n  <add key="ClearTextPassword" value="hal+9ooo_da!sY" />', // gonogo:allow Microsoft's nuget.config reference example
    ],
  }),
  keyed('rapidapi-access-token', 'RapidAPI key', ['rapidapi'], '[A-Za-z0-9_-]{50}', ['RAPIDAPI_KEY={b64u:50}', 'X-RapidAPI-Key: {a62:50}'], ['RAPIDAPI_KEY=${RAPIDAPI_KEY}'], 3.5),
  keyed('sendbird-access-id', 'Sendbird application id', ['sendbird'], UUID, ['SENDBIRD_APP_ID={uuid}'], ['SENDBIRD_APP_ID=${SENDBIRD_APP_ID}'], 3),
  keyed('sendbird-access-token', 'Sendbird API token', ['sendbird'], '[a-f0-9]{40}', ['SENDBIRD_API_TOKEN={hex:40}', 'sendbirdToken: "{hex:40}"'], ['SENDBIRD_API_TOKEN=<token>'], 3),
  rule({
    id: 'settlemint-token', title: 'SettleMint application / personal / service access token', keywords: ['sm_aat_', 'sm_pat_', 'sm_sat_'],
    regex: prefixed('sm_[aps]at_', '[A-Za-z0-9]{16}'),
    entropy: 3,
    tp: ['SETTLEMINT_ACCESS_TOKEN=sm_pat_{a36:16}', 'settlemintToken: sm_aat_{a62:16}'], fp: ['nonMatchingToken := "sm_aat_{a36:10}"', 'sm_sat_{a36:16}{a36:4}'],
  }),
  rule({
    id: 'sidekiq-secret', title: 'Sidekiq Pro / Enterprise gem server credentials', keywords: ['contribsys'],
    regex: assigned(['bundle_enterprise__contribsys__com', 'bundle_gems__contribsys__com'], '[a-f0-9]{8}:[a-f0-9]{8}'),
    tp: ['BUNDLE_ENTERPRISE__CONTRIBSYS__COM={hex:8}:{hex:8}', 'export BUNDLE_GEMS__CONTRIBSYS__COM="{hex:8}:{hex:8}"'], fp: ['BUNDLE_GEMS__CONTRIBSYS__COM=${SIDEKIQ_CREDENTIALS}'],
  }),
  rule({
    id: 'sidekiq-sensitive-url', title: 'Sidekiq Pro / Enterprise gem source URL with credentials', keywords: ['contribsys.com'],
    regex: /https?:\/\/[a-f0-9]{8}:([a-f0-9]{8})@(?:gems|enterprise)\.contribsys\.com(?![\w.-])/,
    tp: ["source 'https://{hex:8}:{hex:8}@gems.contribsys.com/'"], fp: ['https://gems.contribsys.com/'],
  }),
  keyed('squarespace-access-token', 'Squarespace API key', ['squarespace'], UUID, ['SQUARESPACE_API_KEY={uuid}'], ['SQUARESPACE_API_KEY=${SQUARESPACE_API_KEY}'], 3),
  keyed('sumologic-access-id', 'Sumo Logic access id', ['sumo'], 'su[A-Za-z0-9]{12}', ['SUMO_ACCESS_ID=su{a:6}{d:2}{A:4}', 'sumologicAccessId: "su{A:5}{d:3}{a:4}"'], ['- (NSNumber *)sumOfProperty:(NSString *)property;', 'SUMO_ACCESS_ID=suXXXXXXXXXXXX', 'sumObj = su{a62:12}', 'sumOfExposures = sumOfExposures;'], 3, [/\d/]),
  keyed('telegram-bot-token-keyed', 'Telegram bot token assigned to a telegram name', ['telegram', 'tgram'], '[0-9]{5,16}:A[A-Za-z0-9_-]{34}', ['TELEGRAM_TOKEN={d:9}:A{b64u:34}', 'telegramBotToken: "{d:6}:A{b64u:34}"'], ['telegram_api_token = "{d:4}:A{b64u:34}"', 'telegramChat = "{d:9}"'], 3),
  rule({
    id: 'scalingo-api-token', title: 'Scalingo API token', keywords: ['tk-us-'],
    regex: prefixed('tk-us-', '[A-Za-z0-9_-]{48}', 'A-Za-z0-9_-'),
    entropy: 3.5,
    tp: ['SCALINGO_API_TOKEN=tk-us-{b64u:48}'], fp: ['tk-us-{b64u:10}'],
  }),
  rule({
    id: 'clickhouse-cloud-api-secret-key', title: 'ClickHouse Cloud API secret key', keywords: ['4b1d'],
    regex: prefixed('4b1d', '[A-Za-z0-9]{38}'),
    entropy: 3.5,
    tp: ['CLICKHOUSE_KEY_SECRET=4b1d{a62:38}'], fp: ['key = 4b1dXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'key = adf4b1d{a62:38}'],
  }),
  rule({
    id: 'cloudflare-scannable-token', title: 'Cloudflare API token or global key (scannable cfut_ / cfat_ / cfk_ format)', keywords: ['cfut_', 'cfat_', 'cfk_'], severity: 'critical',
    // prefix + 40 characters + checksum (Cloudflare's "token formats" page); the checksum length is not published.
    regex: prefixed('cf(?:ut|at|k)_', '[A-Za-z0-9]{40,50}'),
    entropy: 3.5,
    tp: ['CLOUDFLARE_API_TOKEN=cfut_{a62:46}', 'cloudflare.key: cfk_{a62:44}'], fp: ['cfut_{a62:12}', 'mycfk_{a62:44}'],
  }),
  rule({
    id: 'vercel-prefixed-token', title: 'Vercel access token (vcp_ / vci_ / vca_ / vcr_ / vck_ format)', keywords: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'], severity: 'high',
    regex: prefixed('vc[pikar]_', '[A-Za-z0-9]{24,64}'),
    entropy: 3.5,
    tp: ['VERCEL_TOKEN=vca_{a62:56}', 'vercelToken: "vcp_{a62:40}"'], fp: ['vcp_{a62:8}', 'vca_{A:4}'],
  }),
  rule({
    id: 'jwt-base64', title: 'JSON Web Token encoded once more in base64', keywords: ['zxlk'],
    // base64("eyJ") = "ZXlK"; the decoded text must itself be a JWT (header.payload.signature).
    regex: prefixed('ZXlK', '[A-Za-z0-9+/]{60,}={0,2}', 'A-Za-z0-9+/='),
    validate: (s) => /^eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{0,}$/.test(Buffer.from(s, 'base64').toString('latin1').replace(/=+$/, '')),
    tp: [`JWT_B64=${Buffer.from(['{"alg":"HS256","typ":"JWT"}', '{"sub":"svc-42","iat":1700000000}', 'gonogo-sample-signature'].map((p) => Buffer.from(p).toString('base64url')).join('.')).toString('base64')}`],
    fp: ['ZXlK{b64:80}', `ZXlK${'QUFB'.repeat(20)}`],
  }),
];
