import { assigned, prefixed, rule, UUID } from '../rule.js';

/** Messaging, e-mail and social: Slack, Twilio, SendGrid, Mailgun, Mailchimp, Discord, Telegram, Teams, ... */
export const messagingRules = [
  rule({
    id: 'slack-bot-token', title: 'Slack bot token', keywords: ['xoxb-'], severity: 'high',
    // Current bot tokens (xoxb-<team>-<bot>-<secret>) and legacy ones (xoxb-<id>-<secret>).
    regex: prefixed('xoxb-', '(?:[0-9]{10,13}-[0-9]{10,13}-?[A-Za-z0-9-]{24,34}|[0-9]{8,14}-[A-Za-z0-9]{18,26}(?![A-Za-z0-9-]))', 'A-Za-z0-9-'),
    entropy: 3,
    tp: ['SLACK_BOT_TOKEN=xoxb-{d:12}-{d:13}-{a62:24}', 'slack.bot=xoxb-{d:10}-{a36:22}'], fp: ['xoxb-{d:4}', 'SLACK_BOT_TOKEN=xoxb-your-token'],
  }),
  rule({
    id: 'slack-user-token', title: 'Slack user token', keywords: ['xoxp-', 'xoxe-'],
    regex: prefixed('xox[pe](?:-[0-9]{10,13}){3}-', '[A-Za-z0-9-]{28,34}', 'A-Za-z0-9-'),
    tp: ['SLACK_USER_TOKEN=xoxp-{d:12}-{d:12}-{d:13}-{hex:32}'], fp: ['xoxp-{d:4}-{d:4}'],
  }),
  rule({
    id: 'slack-app-token', title: 'Slack app-level token', keywords: ['xapp-'],
    regex: prefixed('xapp-\\d-', '[A-Z0-9]+-\\d+-[a-f0-9]{64}', 'A-Za-z0-9-'),
    tp: ['SLACK_APP_TOKEN=xapp-1-A{A36:10}-{d:13}-{hex:64}'], fp: ['xapp-1-{A36:10}'],
  }),
  rule({
    id: 'slack-config-token', title: 'Slack configuration access token', keywords: ['xoxe.xox'],
    regex: prefixed('xoxe\\.xox[bp]-\\d-', '[A-Z0-9]{163,166}', 'A-Za-z0-9-'),
    tp: ['SLACK_CONFIG_TOKEN=xoxe.xoxp-1-{A36:164}'], fp: ['xoxe.xoxp-1-{A36:10}'],
  }),
  rule({
    id: 'slack-config-refresh-token', title: 'Slack configuration refresh token', keywords: ['xoxe-'],
    regex: prefixed('xoxe-\\d-', '[A-Za-z0-9]{146}'),
    entropy: 3,
    tp: ['SLACK_CONFIG_REFRESH_TOKEN=xoxe-1-{a36:146}'], fp: ['xoxe-1-{a36:20}'],
  }),
  rule({
    id: 'slack-legacy-token', title: 'Slack legacy / workspace token', keywords: ['xoxa-', 'xoxo-', 'xoxs-', 'xoxr-'],
    // xoxa-2-..., xoxr-<digit>-...: workspace and refresh tokens; the last part may hold letters of either case.
    regex: prefixed('xox[aors]-', '(?:\\d+-)*[A-Za-z0-9]{8,64}', 'A-Za-z0-9-'),
    entropy: 3,
    tp: ['SLACK_TOKEN=xoxs-{d:10}-{d:11}-{d:13}-{hex:64}', 'slack.refresh=xoxr-6-{a62:40}', '"access_token": "xoxa-{a36:12}"'], fp: ['xoxs-aaaa', 'https://github.com/xoxa-nyc/xoxa-nyc.github.io'],
  }),
  rule({
    id: 'slack-webhook-url', title: 'Slack incoming webhook URL', keywords: ['hooks.slack.com'],
    regex: /((?:https?:\/\/)?(?<![\w.-])hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,56})/,
    tp: ['SLACK_WEBHOOK=https://hooks.slack.com/services/T{A36:8}/B{A36:10}/{a62:24}', 'webhook: hooks.slack.com/workflows/{a36:46}'],
    fp: ['https://hooks.slack.com/services/T000/B000/XXXX', 'https://hooks.slack.com/services/YOUR/WEBHOOK/URL'],
  }),
  rule({
    id: 'twilio-api-key', title: 'Twilio API key', keywords: ['twilio'],
    regex: assigned(['twilio'], 'SK[0-9a-fA-F]{32}'),
    tp: ['TWILIO_API_KEY=SK{hex:32}'], fp: ['TWILIO_API_KEY=SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  }),
  rule({
    id: 'twilio-auth-token', title: 'Twilio auth token', keywords: ['twilio'],
    regex: assigned(['twilio'], '[a-f0-9]{32}'),
    tp: ['TWILIO_AUTH_TOKEN={hex:32}', 'twilioAuthToken: "{hex:32}"'], fp: ['TWILIO_AUTH_TOKEN=your_auth_token'],
  }),
  rule({
    id: 'sendgrid-api-key', title: 'SendGrid API key', keywords: ['sg.'], severity: 'high',
    regex: prefixed('SG\\.', '[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}', 'A-Za-z0-9_-'),
    tp: ['SENDGRID_API_KEY=SG.{b64u:22}.{b64u:43}'], fp: ['SG.{b64u:22}', 'SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  }),
  rule({
    id: 'mailgun-private-api-key', title: 'Mailgun private API key', keywords: ['key-'],
    regex: prefixed('key-', '[a-f0-9]{32}'),
    tp: ['MAILGUN_API_KEY=key-{hex:32}'], fp: ['key-{hex:10}', 'turnkey-{hex:32}'],
  }),
  rule({
    id: 'mailgun-public-key', title: 'Mailgun public validation key', keywords: ['pubkey-'],
    regex: prefixed('pubkey-', '[a-f0-9]{32}'),
    tp: ['MAILGUN_PUBLIC_KEY=pubkey-{hex:32}'], fp: ['pubkey-{hex:8}'],
  }),
  rule({
    id: 'mailgun-signing-key', title: 'Mailgun webhook signing key', keywords: ['mailgun'],
    regex: assigned(['mailgun'], '[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}'),
    tp: ['MAILGUN_SIGNING_KEY={hex:32}-{hex:8}-{hex:8}'], fp: ['MAILGUN_SIGNING_KEY=<signing-key>'],
  }),
  rule({
    id: 'mailchimp-api-key', title: 'Mailchimp API key', keywords: ['mailchimp', 'mc_api'],
    regex: assigned(['mailchimp', 'mc_api_key'], '[a-f0-9]{32}-us\\d{1,2}'),
    tp: ['MAILCHIMP_API_KEY={hex:32}-us21'], fp: ['MAILCHIMP_API_KEY=<key>-us21'],
  }),
  rule({
    id: 'mailjet-api-key', title: 'Mailjet API key / secret', keywords: ['mailjet', 'mj_apikey'],
    regex: assigned(['mailjet', 'mj_apikey_private', 'mj_apikey_public'], '[a-f0-9]{32}'),
    tp: ['MJ_APIKEY_PRIVATE={hex:32}'], fp: ['MJ_APIKEY_PRIVATE=${MJ_APIKEY_PRIVATE}'],
  }),
  rule({
    id: 'postmark-server-token', title: 'Postmark server token', keywords: ['postmark'],
    regex: assigned(['postmark'], UUID),
    tp: ['POSTMARK_SERVER_TOKEN={uuid}'], fp: ['POSTMARK_SERVER_TOKEN=POSTMARK_API_TEST'],
  }),
  rule({
    id: 'brevo-api-key', title: 'Brevo (Sendinblue) API key', keywords: ['xkeysib-'],
    regex: prefixed('xkeysib-', '[a-f0-9]{64}-[A-Za-z0-9]{16}'),
    tp: ['BREVO_API_KEY=xkeysib-{hex:64}-{a62:16}'], fp: ['xkeysib-{hex:10}'],
  }),
  rule({
    id: 'brevo-smtp-key', title: 'Brevo (Sendinblue) SMTP key', keywords: ['xsmtpsib-'],
    regex: prefixed('xsmtpsib-', '[a-f0-9]{64}-[A-Za-z0-9]{16}'),
    tp: ['SMTP_PASSWORD=xsmtpsib-{hex:64}-{a62:16}'], fp: ['xsmtpsib-{hex:10}'],
  }),
  rule({
    id: 'mandrill-api-key', title: 'Mandrill API key', keywords: ['mandrill'],
    regex: assigned(['mandrill'], '[A-Za-z0-9_-]{22}'),
    entropy: 3.5,
    tp: ['MANDRILL_API_KEY={b64u:22}'], fp: ['MANDRILL_API_KEY=<mandrill-key>'],
  }),
  rule({
    id: 'sparkpost-api-key', title: 'SparkPost API key', keywords: ['sparkpost'],
    regex: assigned(['sparkpost'], '[a-f0-9]{40}'),
    tp: ['SPARKPOST_API_KEY={hex:40}'], fp: ['SPARKPOST_API_KEY=$SPARKPOST_API_KEY'],
  }),
  rule({
    id: 'messagebird-api-key', title: 'MessageBird API key', keywords: ['messagebird', 'message_bird', 'message-bird'],
    regex: assigned(['message_bird'], '[A-Za-z0-9]{25}'),
    entropy: 3.5,
    tp: ['MESSAGEBIRD_API_KEY={a62:25}'], fp: ['MESSAGEBIRD_API_KEY=test_gshuPaZoeEG6ovbc8M79w0QyM'],
  }),
  rule({
    id: 'vonage-api-secret', title: 'Vonage (Nexmo) API secret', keywords: ['vonage', 'nexmo'],
    regex: assigned(['vonage', 'nexmo'], '[A-Za-z0-9]{16}'),
    entropy: 3.5,
    tp: ['VONAGE_API_SECRET={a62:16}'], fp: ['VONAGE_API_SECRET=${VONAGE_API_SECRET}'],
  }),
  rule({
    id: 'plivo-auth-token', title: 'Plivo auth token', keywords: ['plivo'],
    regex: assigned(['plivo'], '[A-Za-z0-9]{40}'),
    entropy: 4,
    tp: ['PLIVO_AUTH_TOKEN={a62:40}'], fp: ['PLIVO_AUTH_TOKEN=<token>'],
  }),
  rule({
    id: 'discord-bot-token', title: 'Discord bot token', keywords: ['discord'],
    regex: assigned(['discord'], '[MNO][A-Za-z0-9_-]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}'),
    tp: ['DISCORD_BOT_TOKEN=M{b64u:25}.{b64u:6}.{b64u:38}'], fp: ['DISCORD_BOT_TOKEN=<bot-token>'],
  }),
  rule({
    id: 'discord-webhook-url', title: 'Discord webhook URL', keywords: ['/api/webhooks/'],
    regex: /(https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/[0-9]{17,20}\/[A-Za-z0-9_-]{60,68})/,
    tp: ['DISCORD_WEBHOOK=https://discord.com/api/webhooks/{d:18}/{b64u:68}'], fp: ['https://discord.com/api/webhooks/{id}/{token}'],
  }),
  rule({
    id: 'telegram-bot-token', title: 'Telegram bot token', keywords: [':aa'],
    regex: '(?<![A-Za-z0-9_:])([0-9]{8,10}:AA[0-9A-Za-z_-]{33})(?![A-Za-z0-9_-])',
    tp: ['TELEGRAM_BOT_TOKEN={d:10}:AA{b64u:33}'], fp: ['time 12345678:AAbc'],
  }),
  rule({
    id: 'teams-webhook-url', title: 'Microsoft Teams incoming webhook URL', keywords: ['webhook.office.com'],
    regex: /(https:\/\/[a-z0-9-]+\.webhook\.office\.com\/webhookb2\/[a-z0-9-]{36}@[a-z0-9-]{36}\/IncomingWebhook\/[a-z0-9]{32}\/[a-z0-9-]{36}(?:\/[A-Za-z0-9_-]+)?)/,
    tp: ['TEAMS_WEBHOOK=https://acme.webhook.office.com/webhookb2/{uuid}@{uuid}/IncomingWebhook/{hex:32}/{uuid}'],
    fp: ['https://acme.webhook.office.com/webhookb2/<id>'],
  }),
  rule({
    id: 'twitter-bearer-token', title: 'X (Twitter) bearer token', keywords: ['aaaaaaaaaaaaaaaaaaaaa'],
    regex: '(?<![A-Za-z0-9%])(A{22}[A-Za-z0-9%]{80,100})(?![A-Za-z0-9%])',
    tp: ['TWITTER_BEARER_TOKEN=AAAAAAAAAAAAAAAAAAAAAA{a62:90}'], fp: ['AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
  }),
  rule({
    id: 'twitter-api-secret', title: 'X (Twitter) API secret', keywords: ['twitter'],
    regex: assigned(['twitter'], '[A-Za-z0-9]{45,50}'),
    entropy: 4,
    tp: ['TWITTER_API_SECRET={a62:50}'], fp: ['TWITTER_API_SECRET=${TWITTER_API_SECRET}'],
  }),
  rule({
    id: 'facebook-access-token', title: 'Facebook / Meta access token', keywords: ['eaacede', 'eaag', 'eaam', 'eaac'],
    regex: prefixed('EAA(?:CEdEose0cBA|G|M|C)', '[A-Za-z0-9]{100,250}'),
    entropy: 4,
    tp: ['FB_ACCESS_TOKEN=EAAG{a62:180}'], fp: ['EAAG{a62:20}'],
  }),
  rule({
    id: 'facebook-app-secret', title: 'Facebook / Meta app secret', keywords: ['facebook', 'fb_app', 'fb_secret'],
    regex: assigned(['facebook', 'fb_app_secret', 'fb_secret'], '[a-f0-9]{32}'),
    tp: ['FACEBOOK_APP_SECRET={hex:32}'], fp: ['FACEBOOK_APP_SECRET=<app-secret>'],
  }),
  rule({
    id: 'linkedin-client-secret', title: 'LinkedIn client secret', keywords: ['linkedin'],
    regex: assigned(['linkedin'], '[A-Za-z0-9]{16}'),
    // 16 random characters reach about 3.4-3.9 bits each; 3.5 dropped a third of real secrets.
    entropy: 3,
    tp: ['LINKEDIN_CLIENT_SECRET={a62:16}'], fp: ['LINKEDIN_CLIENT_SECRET=${LINKEDIN_SECRET}'],
  }),
  rule({
    id: 'twitch-api-token', title: 'Twitch API token', keywords: ['twitch'],
    regex: assigned(['twitch'], '[a-z0-9]{30}'),
    entropy: 3.5,
    tp: ['TWITCH_CLIENT_SECRET={a36:30}'], fp: ['TWITCH_CLIENT_SECRET=<secret>'],
  }),
  rule({
    id: 'pusher-secret', title: 'Pusher app secret', keywords: ['pusher'],
    regex: assigned(['pusher'], '[a-f0-9]{20}'),
    tp: ['PUSHER_APP_SECRET={hex:20}'], fp: ['PUSHER_APP_SECRET=${PUSHER_APP_SECRET}'],
  }),
  rule({
    id: 'intercom-access-token', title: 'Intercom access token', keywords: ['intercom'],
    regex: assigned(['intercom'], '[A-Za-z0-9=_-]{60}'),
    entropy: 4,
    tp: ['INTERCOM_ACCESS_TOKEN={b64u:59}='], fp: ['INTERCOM_ACCESS_TOKEN=<token>'],
  }),
  rule({
    id: 'zendesk-api-token', title: 'Zendesk API token', keywords: ['zendesk'],
    regex: assigned(['zendesk'], '[A-Za-z0-9]{40}'),
    entropy: 4,
    tp: ['ZENDESK_API_TOKEN={a62:40}'], fp: ['ZENDESK_API_TOKEN=${ZENDESK_API_TOKEN}'],
  }),
  rule({
    id: 'freshdesk-api-key', title: 'Freshdesk API key', keywords: ['freshdesk'],
    regex: assigned(['freshdesk'], '[A-Za-z0-9]{20}'),
    entropy: 3.5,
    tp: ['FRESHDESK_API_KEY={a62:20}'], fp: ['FRESHDESK_API_KEY=<key>'],
  }),
];
