import { isPublishedTestKey } from '../examples.js';
import { assigned, prefixed, rule, UUID } from '../rule.js';

/** Monitoring, logging and analytics: Datadog, New Relic, Sentry, Grafana, Dynatrace, Segment, Algolia, ... */
export const observabilityRules = [
  rule({
    id: 'datadog-api-key', title: 'Datadog API / application key', keywords: ['datadog', 'dd_api_key', 'dd_app_key', 'dd_application_key'],
    regex: assigned(['datadog', 'dd_api_key', 'dd_app_key', 'dd_application_key'], '(?:[a-f0-9]{40}|[a-f0-9]{32})'),
    tp: ['DD_API_KEY={hex:32}', 'DD_APP_KEY={hex:40}'], fp: ['DD_API_KEY=<DATADOG_API_KEY>'],
  }),
  rule({
    id: 'newrelic-user-api-key', title: 'New Relic user API key', keywords: ['nrak-'],
    regex: prefixed('NRAK-', '[A-Z0-9]{27}'),
    tp: ['NEW_RELIC_API_KEY=NRAK-{A36:27}'], fp: ['NRAK-{A36:8}'],
  }),
  rule({
    id: 'newrelic-browser-api-key', title: 'New Relic browser API token', keywords: ['nrjs-'],
    regex: prefixed('NRJS-', '[a-f0-9]{19}'),
    tp: ['licenseKey: "NRJS-{hex:19}"'], fp: ['NRJS-{hex:5}'],
  }),
  rule({
    id: 'newrelic-insert-key', title: 'New Relic insights insert key', keywords: ['nrii-'],
    regex: prefixed('NRII-', '[A-Za-z0-9_-]{32}', 'A-Za-z0-9_-'),
    tp: ['NEW_RELIC_INSERT_KEY=NRII-{b64u:32}'], fp: ['NRII-{b64u:8}'],
  }),
  rule({
    id: 'newrelic-license-key', title: 'New Relic license key', keywords: ['new_relic', 'newrelic'],
    regex: assigned(['new_relic_license_key', 'newrelic', 'nr_license_key'], '[a-f0-9]{36}NRAL|[a-f0-9]{40}'),
    tp: ['NEW_RELIC_LICENSE_KEY={hex:36}NRAL'], fp: ['NEW_RELIC_LICENSE_KEY=${NEW_RELIC_LICENSE_KEY}'],
  }),
  rule({
    id: 'sentry-org-token', title: 'Sentry organisation auth token', keywords: ['sntrys_'],
    // A base64 JSON payload, "_", then the 43-character secret; a token with a longer or shorter tail is malformed.
    regex: prefixed('sntrys_', 'eyJ[A-Za-z0-9+/]{60,300}={0,2}_[A-Za-z0-9+/]{43}', 'A-Za-z0-9+/=_-'),
    entropy: 4.5,
    tp: ['SENTRY_AUTH_TOKEN=sntrys_eyJ{b64:120}_{b64:43}'], fp: ['sntrys_eyJ{b64:10}', 'sntrys_eyJ{b64:120}_{b64:42}', 'sntrys_eyJ{b64:120}_{b64:44}'],
  }),
  rule({
    id: 'sentry-user-token', title: 'Sentry user auth token', keywords: ['sntryu_'],
    regex: prefixed('sntryu_', '[a-f0-9]{64}'),
    entropy: 3,
    tp: ['SENTRY_AUTH_TOKEN=sntryu_{hex:64}'], fp: ['sntryu_{hex:8}', 'sntryu_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa11111111111111111111111111111111'],
  }),
  rule({
    id: 'sentry-auth-token-legacy', title: 'Sentry auth token (legacy format)', keywords: ['sentry'],
    regex: assigned(['sentry'], '[a-f0-9]{64}'),
    tp: ['SENTRY_AUTH_TOKEN={hex:64}'], fp: ['SENTRY_AUTH_TOKEN=${{ secrets.SENTRY }}'],
  }),
  rule({
    id: 'grafana-api-key', title: 'Grafana API key', keywords: ['eyjrijoi'],
    regex: prefixed('eyJrIjoi', '[A-Za-z0-9]{70,400}={0,2}', 'A-Za-z0-9='),
    tp: ['GRAFANA_API_KEY=eyJrIjoi{a62:80}'], fp: ['eyJrIjoi{a62:10}'],
  }),
  rule({
    id: 'grafana-cloud-token', title: 'Grafana Cloud API token', keywords: ['glc_'],
    regex: prefixed('glc_', '[A-Za-z0-9+/]{32,400}={0,2}', 'A-Za-z0-9+/='),
    entropy: 4,
    tp: ['GRAFANA_CLOUD_TOKEN=glc_{b64:120}'], fp: ['glc_{b64:10}'],
  }),
  rule({
    id: 'grafana-service-account-token', title: 'Grafana service-account token', keywords: ['glsa_'],
    regex: prefixed('glsa_', '[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}'),
    tp: ['GRAFANA_TOKEN=glsa_{a62:32}_{hex:8}'], fp: ['glsa_{a62:10}'],
  }),
  rule({
    id: 'dynatrace-api-token', title: 'Dynatrace API token', keywords: ['dt0c01.'],
    regex: prefixed('dt0c01\\.', '[A-Z0-9]{24}\\.[A-Z0-9]{64}'),
    tp: ['DT_API_TOKEN=dt0c01.{A36:24}.{A36:64}'], fp: ['dt0c01.{A36:5}'],
  }),
  rule({
    id: 'honeycomb-api-key', title: 'Honeycomb API key', keywords: ['honeycomb'],
    regex: assigned(['honeycomb'], '(?:hc[a-z]{2}_[a-z0-9]{58}|[A-Za-z0-9]{22}|[a-f0-9]{32})'),
    entropy: 3.5,
    tp: ['HONEYCOMB_API_KEY={a62:22}'], fp: ['HONEYCOMB_API_KEY=<key>'],
  }),
  rule({
    id: 'pagerduty-api-key', title: 'PagerDuty API key', keywords: ['pagerduty'],
    regex: assigned(['pagerduty', 'pd_api_key'], 'u\\+[A-Za-z0-9_+-]{18}|[A-Za-z0-9_+-]{20}'),
    entropy: 3.5,
    tp: ['PAGERDUTY_API_KEY={a62:20}'], fp: ['PAGERDUTY_API_KEY=${PD_KEY}'],
  }),
  rule({
    id: 'opsgenie-api-key', title: 'Opsgenie API key', keywords: ['opsgenie'],
    regex: assigned(['opsgenie'], UUID),
    tp: ['OPSGENIE_API_KEY={uuid}'], fp: ['OPSGENIE_API_KEY=<uuid>'],
  }),
  rule({
    id: 'rollbar-access-token', title: 'Rollbar access token', keywords: ['rollbar'],
    regex: assigned(['rollbar'], '[a-f0-9]{32}'),
    tp: ['ROLLBAR_ACCESS_TOKEN={hex:32}'], fp: ['ROLLBAR_ACCESS_TOKEN=${ROLLBAR}'],
  }),
  rule({
    id: 'bugsnag-api-key', title: 'Bugsnag API key', keywords: ['bugsnag'],
    regex: assigned(['bugsnag'], '[a-f0-9]{32}'),
    tp: ['BUGSNAG_API_KEY={hex:32}'], fp: ['BUGSNAG_API_KEY=<key>'],
  }),
  rule({
    id: 'splunk-hec-token', title: 'Splunk HTTP Event Collector token', keywords: ['splunk', 'hec_token'],
    regex: assigned(['splunk', 'hec_token'], UUID),
    tp: ['SPLUNK_HEC_TOKEN={uuid}'], fp: ['SPLUNK_HEC_TOKEN=${SPLUNK}'],
  }),
  rule({
    id: 'sumologic-access-key', title: 'Sumo Logic access key', keywords: ['sumo'],
    regex: assigned(['sumo'], '[A-Za-z0-9]{64}'),
    charset: [/\d/, /[A-Za-z]/],
    entropy: 4,
    tp: ['SUMOLOGIC_ACCESS_KEY={a62:64}'], fp: ['SUMOLOGIC_ACCESS_KEY=<key>'],
  }),
  rule({
    id: 'logzio-token', title: 'Logz.io shipping token', keywords: ['logzio', 'logz_io'],
    regex: assigned(['logzio', 'logz_io_token'], '[A-Za-z]{32}'),
    entropy: 3.5,
    tp: ['LOGZIO_TOKEN={a:16}{A:16}'], fp: ['LOGZIO_TOKEN=<token>'],
  }),
  rule({
    id: 'segment-write-key', title: 'Segment write key / API token', keywords: ['segment'],
    regex: assigned(['segment_write_key', 'segment_api_key', 'segment_token', 'segment_public_api_token'], '(?:sgp_[A-Za-z0-9]{64}|[A-Za-z0-9]{32})'),
    entropy: 3.5,
    tp: ['SEGMENT_WRITE_KEY={a62:32}'], fp: ['SEGMENT_WRITE_KEY=${SEGMENT_WRITE_KEY}'],
  }),
  rule({
    id: 'mixpanel-api-secret', title: 'Mixpanel API secret', keywords: ['mixpanel'],
    regex: assigned(['mixpanel'], '[a-zA-Z0-9]{32}'),
    entropy: 3.5,
    tp: ['MIXPANEL_API_SECRET={hex:32}'], fp: ['MIXPANEL_API_SECRET=<secret>'],
  }),
  rule({
    id: 'amplitude-api-key', title: 'Amplitude secret key', keywords: ['amplitude'],
    regex: assigned(['amplitude'], '[a-f0-9]{32}'),
    tp: ['AMPLITUDE_SECRET_KEY={hex:32}'], fp: ['AMPLITUDE_SECRET_KEY=${AMPLITUDE}'],
  }),
  rule({
    id: 'algolia-admin-key', title: 'Algolia admin API key', keywords: ['algolia'],
    regex: assigned(['algolia'], '[a-f0-9]{32}'),
    validate: (s) => !isPublishedTestKey(s),
    tp: ['ALGOLIA_ADMIN_KEY={hex:32}'], fp: ['ALGOLIA_ADMIN_KEY=${ALGOLIA_ADMIN_KEY}'],
  }),
  rule({
    id: 'launchdarkly-access-token', title: 'LaunchDarkly access token / SDK key', keywords: ['api-', 'sdk-'],
    regex: prefixed('(?:api|sdk)-', UUID),
    tp: ['LAUNCHDARKLY_SDK_KEY=sdk-{uuid}'], fp: ['sdk-<uuid>', 'api-version-{hex:8}'],
  }),
  rule({
    id: 'mapbox-secret-token', title: 'Mapbox secret access token', keywords: ['sk.eyj'],
    regex: prefixed('sk\\.eyJ', '[A-Za-z0-9_-]{20,250}\\.[A-Za-z0-9_-]{22}', 'A-Za-z0-9_-'),
    tp: ['MAPBOX_TOKEN=sk.eyJ{b64u:60}.{b64u:22}'], fp: ['sk.eyJ{b64u:10}'],
  }),
  rule({
    id: 'confluent-api-secret', title: 'Confluent Cloud API secret', keywords: ['confluent'],
    regex: assigned(['confluent'], '[A-Za-z0-9+/]{64}'),
    entropy: 4,
    tp: ['CONFLUENT_API_SECRET={b64:64}'], fp: ['CONFLUENT_API_SECRET=${CONFLUENT_API_SECRET}'],
  }),
  rule({
    id: 'looker-client-secret', title: 'Looker API client secret', keywords: ['looker'],
    regex: assigned(['looker'], '[A-Za-z0-9]{24}'),
    entropy: 3.5,
    tp: ['LOOKERSDK_CLIENT_SECRET={a62:24}'], fp: ['LOOKERSDK_CLIENT_SECRET=<secret>'],
  }),
  rule({
    id: 'okta-api-token', title: 'Okta API token', keywords: ['okta'],
    regex: assigned(['okta'], '00[A-Za-z0-9_-]{40}'),
    entropy: 3.5,
    tp: ['OKTA_API_TOKEN=00{b64u:40}'], fp: ['OKTA_API_TOKEN=00xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  }),
  rule({
    id: 'auth0-client-secret', title: 'Auth0 client secret', keywords: ['auth0'],
    regex: assigned(['auth0'], '[A-Za-z0-9_-]{64}'),
    entropy: 4,
    tp: ['AUTH0_CLIENT_SECRET={b64u:64}'], fp: ['AUTH0_CLIENT_SECRET=${AUTH0_CLIENT_SECRET}'],
  }),
  rule({
    id: 'onepassword-service-account-token', title: '1Password service-account token', keywords: ['ops_eyj'],
    regex: prefixed('ops_eyJ', '[A-Za-z0-9+/]{250,}={0,3}', 'A-Za-z0-9+/='),
    tp: ['OP_SERVICE_ACCOUNT_TOKEN=ops_eyJ{b64:300}'], fp: ['ops_eyJ{b64:20}'],
  }),
  rule({
    id: 'onepassword-secret-key', title: '1Password account secret key', keywords: ['a3-'], severity: 'critical',
    regex: prefixed('A3-', '[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}'),
    tp: ['secret key: A3-{A36:6}-{A36:11}-{A36:5}-{A36:5}-{A36:5}'], fp: ['A3-{A36:6}'],
  }),
  rule({
    id: 'dropbox-short-lived-token', title: 'Dropbox short-lived access token', keywords: ['sl.'],
    regex: prefixed('sl\\.', '[A-Za-z0-9_-]{130,152}', 'A-Za-z0-9_-'),
    entropy: 4.5,
    tp: ['DROPBOX_TOKEN=sl.{b64u:140}'], fp: ['sl.{b64u:20}'],
  }),
  rule({
    id: 'dropbox-long-lived-token', title: 'Dropbox long-lived access token', keywords: ['dropbox'],
    regex: assigned(['dropbox'], '[A-Za-z0-9]{11}AAAAAAAAAA[A-Za-z0-9_=-]{43}'),
    tp: ['DROPBOX_ACCESS_TOKEN={a62:11}AAAAAAAAAA{b64u:43}'], fp: ['DROPBOX_ACCESS_TOKEN=<token>'],
  }),
  rule({
    id: 'hubspot-private-app-token', title: 'HubSpot private app token', keywords: ['pat-na1-', 'pat-eu1-'],
    regex: prefixed('pat-(?:na|eu)1-', UUID),
    tp: ['HUBSPOT_TOKEN=pat-na1-{uuid}'], fp: ['pat-na1-<uuid>'],
  }),
  rule({
    id: 'trello-api-key', title: 'Trello API key / token', keywords: ['trello'],
    regex: assigned(['trello'], '(?:[a-f0-9]{32}|[a-f0-9]{64}|ATTA[A-Za-z0-9]{60,})'),
    tp: ['TRELLO_TOKEN={hex:64}'], fp: ['TRELLO_TOKEN=<token>'],
  }),
  rule({
    id: 'asana-pat', title: 'Asana personal access token', keywords: ['asana'],
    regex: assigned(['asana'], '[0-9]/[0-9]{16}:[A-Za-z0-9]{32}|2/[0-9]{16}/[0-9]{16}:[a-f0-9]{32}'),
    tp: ['ASANA_ACCESS_TOKEN=1/{d:16}:{a62:32}'], fp: ['ASANA_ACCESS_TOKEN=<token>'],
  }),
  rule({
    id: 'openweather-api-key', title: 'OpenWeather API key', keywords: ['openweather', 'owm_'],
    regex: assigned(['openweather', 'owm_api_key'], '[a-f0-9]{32}'),
    tp: ['OPENWEATHER_API_KEY={hex:32}'], fp: ['OPENWEATHER_API_KEY=${KEY}'],
  }),
  rule({
    id: 'cisco-meraki-api-key', title: 'Cisco Meraki API key', keywords: ['meraki'],
    regex: assigned(['meraki'], '[a-f0-9]{40}'),
    entropy: 3,
    tp: ['MERAKI_DASHBOARD_API_KEY={hex:40}'], fp: ['MERAKI_DASHBOARD_API_KEY=<key>', 'meraki: aaaaaaaaaa1111111111bbbbbbbbbb2222222222'],
  }),
  rule({
    id: 'contentstack-management-token', title: 'Contentstack management token', keywords: ['contentstack'],
    regex: assigned(['contentstack'], 'cs[a-f0-9]{32}'),
    tp: ['CONTENTSTACK_MANAGEMENT_TOKEN=cs{hex:32}'], fp: ['CONTENTSTACK_MANAGEMENT_TOKEN=<token>'],
  }),
  rule({
    id: 'spotify-client-secret', title: 'Spotify client secret', keywords: ['spotify'],
    regex: assigned(['spotify'], '[a-f0-9]{32}'),
    tp: ['SPOTIFY_CLIENT_SECRET={hex:32}'], fp: ['SPOTIFY_CLIENT_SECRET=<secret>'],
  }),
  rule({
    id: 'etsy-api-key', title: 'Etsy API key', keywords: ['etsy'],
    regex: assigned(['etsy'], '[a-z0-9]{24}'),
    entropy: 3.5,
    tp: ['ETSY_API_KEY={a36:24}'], fp: ['ETSY_API_KEY=<key>'],
  }),
  rule({
    id: 'nytimes-api-key', title: 'New York Times API key', keywords: ['nytimes', 'nyt_'],
    regex: assigned(['nytimes', 'nyt_api_key'], '[A-Za-z0-9=_-]{32}'),
    entropy: 3.5,
    tp: ['NYTIMES_API_KEY={b64u:32}'], fp: ['NYTIMES_API_KEY=<key>'],
  }),
  rule({
    id: 'beamer-api-token', title: 'Beamer API token', keywords: ['beamer'],
    regex: assigned(['beamer'], 'b_[A-Za-z0-9=_-]{44}'),
    tp: ['BEAMER_API_KEY=b_{b64u:44}'], fp: ['BEAMER_API_KEY=b_short'],
  }),
  rule({
    id: 'freshbooks-access-token', title: 'FreshBooks access token', keywords: ['freshbooks'],
    regex: assigned(['freshbooks'], '[a-f0-9]{64}'),
    tp: ['FRESHBOOKS_ACCESS_TOKEN={hex:64}'], fp: ['FRESHBOOKS_ACCESS_TOKEN=<token>'],
  }),
  rule({
    id: 'kraken-api-key', title: 'Kraken private API key', keywords: ['kraken'],
    regex: assigned(['kraken'], '[A-Za-z0-9/=_+-]{80,90}'),
    entropy: 4.5,
    tp: ['KRAKEN_API_SECRET={b64:86}=='], fp: ['KRAKEN_API_SECRET=<secret>'],
  }),
];
