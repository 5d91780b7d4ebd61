import { prefixed, rule, UUID } from '../rule.js';

/** Package registries and container registries: npm, PyPI, Docker Hub, RubyGems, NuGet, crates.io, Clojars. */
export const registryRules = [
  rule({
    id: 'npm-access-token', title: 'npm access token', keywords: ['npm_'], severity: 'critical',
    regex: prefixed('npm_', '[A-Za-z0-9]{36}'),
    entropy: 3,
    tp: ['//registry.npmjs.org/:_authToken=npm_{a62:36}', 'NPM_TOKEN=npm_{a62:36}'], fp: ['npm_{a62:12}', 'npm_config_registry_url_for_the_workspace'],
  }),
  rule({
    id: 'npmrc-auth-token', title: 'Registry auth token in .npmrc / .yarnrc', keywords: ['_authtoken', 'npmauthtoken'],
    regex: `(?:_authToken|npmAuthToken)\\s*[=:]\\s*["']?((?:${UUID})|(?:[A-Za-z0-9_+/=.-]{30,200}))(?=["'\\s]|$)`,
    entropy: 3.5,
    tp: ['//npm.pkg.github.com/:_authToken={uuid}', 'npmAuthToken: "{b64:60}"'], fp: ['//registry.npmjs.org/:_authToken=${NPM_TOKEN}', '_authToken=<token>'],
  }),
  rule({
    id: 'pypi-upload-token', title: 'PyPI upload token', keywords: ['pypi-ageicHlwaS5vcmc'.toLowerCase(), 'pypi-agendgvzdc5wexbplm9yzw'], severity: 'critical',
    regex: prefixed('pypi-Ag(?:EIcHlwaS5vcmc|ENdGVzdC5weXBpLm9yZw)', '[A-Za-z0-9_-]{50,200}', 'A-Za-z0-9_-'),
    tp: ['password = pypi-AgEIcHlwaS5vcmc{b64u:120}', 'TWINE_PASSWORD=pypi-AgENdGVzdC5weXBpLm9yZw{b64u:80}'], fp: ['pypi-AgEIcHlwaS5vcmc'],
  }),
  rule({
    id: 'dockerhub-pat', title: 'Docker Hub personal / organisation access token', keywords: ['dckr_pat_', 'dckr_oat_'], severity: 'high',
    regex: prefixed('dckr_(?:pat|oat)_', '[A-Za-z0-9_-]{27,32}', 'A-Za-z0-9_-'),
    tp: ['DOCKERHUB_TOKEN=dckr_pat_{b64u:27}'], fp: ['dckr_pat_{b64u:8}'],
  }),
  rule({
    id: 'docker-config-auth', title: 'Registry credentials in a Docker config.json', keywords: ['"auth"'],
    regex: /"auths"\s*:\s*\{[\s\S]{0,300}?"auth"\s*:\s*"([A-Za-z0-9+/]{16,300}={0,2})"/,
    entropy: 3.5,
    tp: ['{\n  "auths": {\n    "https://index.docker.io/v1/": {\n      "auth": "{b64:48}"\n    }\n  }\n}'],
    fp: ['{ "auths": { "ghcr.io": { "auth": "" } } }', '{ "auths": { "ghcr.io": { "auth": "<base64 user:token>" } } }'],
  }),
  rule({
    id: 'rubygems-api-key', title: 'RubyGems API key', keywords: ['rubygems_'],
    regex: prefixed('rubygems_', '[a-f0-9]{48}'),
    tp: ['GEM_HOST_API_KEY=rubygems_{hex:48}'], fp: ['rubygems_{hex:12}'],
  }),
  rule({
    id: 'nuget-api-key', title: 'NuGet API key', keywords: ['oy2'],
    regex: prefixed('oy2', '[a-z0-9]{43}'),
    entropy: 3.5,
    tp: ['NUGET_API_KEY=oy2{a36:43}'], fp: ['oy2{a36:10}'],
  }),
  rule({
    id: 'crates-io-token', title: 'crates.io API token', keywords: ['cio'],
    regex: prefixed('cio', '[A-Za-z0-9]{32}'),
    entropy: 4,
    tp: ['CARGO_REGISTRY_TOKEN=cio{a62:32}'], fp: ['cioAbc', 'ciofficial_organization_name_longer'],
  }),
  rule({
    id: 'clojars-token', title: 'Clojars deploy token', keywords: ['clojars_'],
    regex: prefixed('CLOJARS_', '[a-z0-9]{60}'),
    tp: ['CLOJARS_PASSWORD=CLOJARS_{a36:60}'], fp: ['CLOJARS_USERNAME'],
  }),
  rule({
    id: 'hex-pm-api-key', title: 'Hex.pm API key', keywords: ['hex_api_key'],
    regex: /HEX_API_KEY\s*[=:]\s*["']?([a-f0-9]{32})(?=["'\s]|$)/,
    tp: ['HEX_API_KEY={hex:32}'], fp: ['HEX_API_KEY=${HEX_API_KEY}'],
  }),
  rule({
    id: 'jetbrains-marketplace-token', title: 'JetBrains Marketplace token', keywords: ['perm:'],
    regex: prefixed('perm:', '[A-Za-z0-9+/=]{10,}\\.[A-Za-z0-9+/=]{2,}\\.[A-Za-z0-9]{30}', 'A-Za-z0-9+/=.'),
    tp: ['PUBLISH_TOKEN=perm:{b64:16}.{a62:4}.{a62:30}'], fp: ['perm:read'],
  }),
];
