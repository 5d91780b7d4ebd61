import { assigned, prefixed, rule, UUID } from '../rule.js';

/** Payments and commerce: Stripe, Square, PayPal/Braintree, Shopify, Razorpay, Plaid, ... */
export const paymentRules = [
  rule({
    id: 'stripe-secret-key', title: 'Stripe live secret key', keywords: ['sk_live_', 'sk_prod_'], severity: 'critical',
    regex: prefixed('sk_(?:live|prod)_', '[A-Za-z0-9]{24,247}'),
    entropy: 3.5,
    tp: ['STRIPE_SECRET_KEY=sk_live_{a62:24}', 'stripeKey: sk_prod_{a62:99}', "stripe.api_key = 'sk_live_51{a62:97}'"],
    fp: ['sk_live_{a62:10}', 'STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx'],
  }),
  rule({
    id: 'stripe-test-secret-key', title: 'Stripe test-mode secret key', keywords: ['sk_test_'], severity: 'medium',
    regex: prefixed('sk_test_', '[A-Za-z0-9]{24,247}'),
    entropy: 3.5,
    tp: ['STRIPE_SECRET_KEY=sk_test_{a62:24}'], fp: ['sk_test_{a62:10}'],
  }),
  rule({
    id: 'stripe-restricted-key', title: 'Stripe restricted key', keywords: ['rk_live_', 'rk_test_', 'rk_prod_'],
    regex: prefixed('rk_(?:live|test|prod)_', '[A-Za-z0-9]{24,247}'),
    entropy: 3.5,
    tp: ['STRIPE_KEY=rk_live_{a62:24}', 'stripe.restricted=rk_prod_{a62:40}'], fp: ['rk_live_{a62:10}'],
  }),
  rule({
    id: 'stripe-webhook-secret', title: 'Stripe webhook signing secret', keywords: ['whsec_'],
    regex: prefixed('whsec_', '[A-Za-z0-9]{32,64}'),
    entropy: 3.5,
    tp: ['STRIPE_WEBHOOK_SECRET=whsec_{a62:32}'], fp: ['whsec_{a62:10}'],
  }),
  rule({
    id: 'square-access-token', title: 'Square access token', keywords: ['sq0atp-', 'eaaa'],
    regex: '(?<![A-Za-z0-9_-])((?:sq0atp-[A-Za-z0-9_-]{22})|(?:EAAA[A-Za-z0-9_-]{60}))(?![A-Za-z0-9_-])',
    entropy: 3.5,
    tp: ['SQUARE_ACCESS_TOKEN=sq0atp-{b64u:22}', 'SQUARE_ACCESS_TOKEN=EAAA{b64u:60}'], fp: ['sq0atp-{b64u:5}'],
  }),
  rule({
    id: 'square-oauth-secret', title: 'Square OAuth application secret', keywords: ['sq0csp-'],
    regex: prefixed('sq0csp-', '[A-Za-z0-9_-]{43}', 'A-Za-z0-9_-'),
    tp: ['SQUARE_APP_SECRET=sq0csp-{b64u:43}'], fp: ['sq0csp-{b64u:5}'],
  }),
  rule({
    id: 'braintree-access-token', title: 'PayPal Braintree access token', keywords: ['access_token$production$', 'access_token$sandbox$'],
    regex: /(access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32})/,
    tp: ['BRAINTREE_TOKEN=access_token$production${a36:16}${hex:32}'], fp: ['access_token$production$<merchant>$<token>'],
  }),
  rule({
    id: 'paypal-client-secret', title: 'PayPal client secret', keywords: ['paypal'],
    regex: assigned(['paypal'], '[A-Za-z0-9_-]{80}'),
    entropy: 4,
    tp: ['PAYPAL_CLIENT_SECRET={b64u:80}'], fp: ['PAYPAL_CLIENT_SECRET=${PAYPAL_CLIENT_SECRET}'],
  }),
  ...([
    ['shopify-access-token', 'Shopify access token', 'shpat_'],
    ['shopify-custom-app-token', 'Shopify custom app access token', 'shpca_'],
    ['shopify-private-app-token', 'Shopify private app access token', 'shppa_'],
    ['shopify-shared-secret', 'Shopify shared secret', 'shpss_'],
  ] as const).map(([id, title, p]) =>
    rule({ id, title, keywords: [p], regex: prefixed(p, '[a-fA-F0-9]{32}'), entropy: 3, tp: [`SHOPIFY_TOKEN=${p}{hex:32}`, `shopifyToken: ${p}{HEX:16}{hex:16}`], fp: [`${p}{hex:10}`, `${p}{hex:32}x`] }),
  ),
  rule({
    id: 'razorpay-key', title: 'Razorpay live key', keywords: ['rzp_live_'],
    regex: prefixed('rzp_live_', '[A-Za-z0-9]{14}'),
    tp: ['RAZORPAY_KEY_ID=rzp_live_{a62:14}'], fp: ['rzp_live_{a62:5}'],
  }),
  rule({
    id: 'flutterwave-secret-key', title: 'Flutterwave secret key', keywords: ['flwseck'],
    regex: prefixed('FLWSECK(?:_TEST)?-', '[a-hA-H0-9]{32}-X'),
    tp: ['FLW_SECRET_KEY=FLWSECK_TEST-{hex:32}-X'], fp: ['FLWSECK-{hex:10}-X'],
  }),
  rule({
    id: 'flutterwave-encryption-key', title: 'Flutterwave encryption key', keywords: ['flwseck_test', 'flwenc'],
    regex: prefixed('FLWSECK_TEST', '[a-hA-H0-9]{12}'),
    tp: ['FLW_ENCRYPTION_KEY=FLWSECK_TEST{hex:12}'], fp: ['FLWSECK_TEST{hex:4}'],
  }),
  rule({
    id: 'plaid-access-token', title: 'Plaid access token', keywords: ['access-production-', 'access-sandbox-', 'access-development-'],
    regex: prefixed('access-(?:sandbox|development|production)-', UUID),
    tp: ['PLAID_ACCESS_TOKEN=access-production-{uuid}'], fp: ['access-production-<token>'],
  }),
  rule({
    id: 'plaid-secret', title: 'Plaid API secret', keywords: ['plaid'],
    regex: assigned(['plaid'], '[a-f0-9]{30}'),
    tp: ['PLAID_SECRET={hex:30}'], fp: ['PLAID_SECRET=${PLAID_SECRET}'],
  }),
  rule({
    id: 'shippo-api-token', title: 'Shippo API token', keywords: ['shippo_'],
    regex: prefixed('shippo_(?:live|test)_', '[a-fA-F0-9]{40}'),
    tp: ['SHIPPO_TOKEN=shippo_live_{hex:40}'], fp: ['shippo_live_{hex:10}'],
  }),
  rule({
    id: 'easypost-api-key', title: 'EasyPost API key', keywords: ['ezak', 'eztk'],
    regex: prefixed('EZ[AT]K', '[A-Za-z0-9]{54}'),
    tp: ['EASYPOST_API_KEY=EZAK{a62:54}'], fp: ['EZAK{a62:10}'],
  }),
  rule({
    id: 'duffel-api-token', title: 'Duffel API token', keywords: ['duffel_'],
    regex: prefixed('duffel_(?:test|live)_', '[A-Za-z0-9_=-]{43}', 'A-Za-z0-9_=-'),
    tp: ['DUFFEL_TOKEN=duffel_live_{b64u:43}'], fp: ['duffel_live_{b64u:10}'],
  }),
  rule({
    id: 'coinbase-api-secret', title: 'Coinbase API secret', keywords: ['coinbase'],
    regex: assigned(['coinbase'], '[A-Za-z0-9_-]{64}'),
    entropy: 4,
    tp: ['COINBASE_API_SECRET={b64u:64}'], fp: ['COINBASE_API_SECRET=${COINBASE_API_SECRET}'],
  }),
  rule({
    id: 'gocardless-api-token', title: 'GoCardless API token', keywords: ['live_'],
    regex: prefixed('live_', '[A-Za-z0-9_=-]{40}', 'A-Za-z0-9_=-'),
    entropy: 4,
    tp: ['GOCARDLESS_ACCESS_TOKEN=live_{b64u:40}'], fp: ['is_live_environment_enabled_for_current_account_flag'],
  }),
  rule({
    id: 'adyen-api-key', title: 'Adyen API key', keywords: ['adyen'],
    regex: assigned(['adyen'], 'AQE[A-Za-z0-9+/=_.-]{80,250}'),
    tp: ['ADYEN_API_KEY=AQEyhmfxL{b64:120}'], fp: ['ADYEN_API_KEY=AQE...'],
  }),
  rule({
    id: 'mollie-api-key', title: 'Mollie API key', keywords: ['mollie'],
    regex: assigned(['mollie'], '(?:live|test)_[A-Za-z0-9]{30}'),
    tp: ['MOLLIE_API_KEY=live_{a62:30}'], fp: ['MOLLIE_API_KEY=live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  }),
];
