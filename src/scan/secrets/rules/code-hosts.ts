import { assigned, prefixed, rule, UUID } from '../rule.js';

/** Code hosts and CI/CD: GitHub, GitLab, Bitbucket, Atlassian, JFrog, CircleCI, Buildkite, SonarQube, ... */
export const codeHostRules = [
  ...([
    ['github-pat', 'GitHub personal access token (classic)', 'ghp_'],
    ['github-oauth-token', 'GitHub OAuth access token', 'gho_'],
    ['github-user-to-server-token', 'GitHub App user-to-server token', 'ghu_'],
    ['github-app-token', 'GitHub App installation (server-to-server) token', 'ghs_'],
    ['github-refresh-token', 'GitHub App refresh token', 'ghr_'],
  ] as const).map(([id, title, p]) =>
    rule({
      id, title, keywords: [p], severity: 'critical',
      // ghs_ installation tokens are also issued as "ghs_<id>_<JWT>" (stateless, ~520 characters).
      regex: prefixed(p, p === 'ghs_' ? '(?:[A-Za-z0-9]{36}(?![A-Za-z0-9._-])|(?:[0-9]+_)?eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,})' : '[A-Za-z0-9]{36}', p === 'ghs_' ? 'A-Za-z0-9_.-' : undefined),
      entropy: 3,
      tp: [`GITHUB_TOKEN=${p}{a62:36}`, `"token": "${p}{a62:36}"`, ...(p === 'ghs_' ? ['GH_TOKEN=ghs_{d:7}_eyJ{b64u:40}.eyJ{b64u:200}.{b64u:43}'] : [])],
      fp: [`${p}{a62:20}`, `${p}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx`],
    }),
  ),
  rule({
    id: 'github-fine-grained-pat', title: 'GitHub fine-grained personal access token', keywords: ['github_pat_'], severity: 'critical',
    // 22 + "_" + 59 characters in practice; any underscore position is accepted (82 word characters).
    regex: prefixed('github_pat_', '[A-Za-z0-9_]{82}'),
    entropy: 3,
    tp: ['GH_TOKEN=github_pat_11{A36:20}_{a62:59}', 'githubToken = "github_pat_{a36:82}"'], fp: ['github_pat_{a62:22}', 'github_pat_xxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx'],
  }),
  ...([
    ['gitlab-pat', 'GitLab personal access token', 'glpat-', '[A-Za-z0-9_-]{20}(?:\\.[A-Za-z0-9]{2}\\.[a-z0-9]{9})?'],
    ['gitlab-pipeline-trigger-token', 'GitLab pipeline trigger token', 'glptt-', '[a-f0-9]{40}'],
    ['gitlab-runner-registration-token', 'GitLab runner registration token', 'GR1348941', '[A-Za-z0-9_-]{20}'],
    ['gitlab-runner-auth-token', 'GitLab runner authentication token', 'glrt-', '[A-Za-z0-9_-]{20}'],
    ['gitlab-deploy-token', 'GitLab deploy token', 'gldt-', '[A-Za-z0-9_-]{20}'],
    ['gitlab-feed-token', 'GitLab feed token', 'glft-', '[A-Za-z0-9_-]{20}'],
    ['gitlab-oauth-app-secret', 'GitLab OAuth application secret', 'gloas-', '[A-Za-z0-9_-]{64}'],
    ['gitlab-scim-token', 'GitLab SCIM token', 'glsoat-', '[A-Za-z0-9_-]{20}'],
    ['gitlab-cicd-job-token', 'GitLab CI/CD job token', 'glcbt-', '[0-9a-zA-Z]{1,5}_[A-Za-z0-9_-]{20}'],
    ['gitlab-feature-flag-client-token', 'GitLab feature flag client token', 'glffct-', '[A-Za-z0-9_-]{20}'],
    ['gitlab-incoming-mail-token', 'GitLab incoming mail token', 'glimt-', '[A-Za-z0-9_-]{25}'],
    ['gitlab-agent-token', 'GitLab Kubernetes agent token', 'glagent-', '[A-Za-z0-9_-]{50}'],
  ] as const).map(([id, title, p, body]) =>
    rule({
      id, title, keywords: [p.toLowerCase()],
      regex: prefixed(p, body, 'A-Za-z0-9_-'),
      entropy: 3,
      tp: [`TOKEN=${p}${body.includes('{1,5}') ? '{hex:2}_{b64u:20}' : body.includes('a-f') ? '{hex:40}' : `{b64u:${/\{(\d+)\}/.exec(body)![1]}}`}`],
      fp: [`${p}{a:6}`],
    }),
  ),
  rule({
    id: 'bitbucket-client-secret', title: 'Bitbucket OAuth client secret', keywords: ['bitbucket'],
    regex: assigned(['bitbucket'], '[A-Za-z0-9=_-]{32,64}'),
    entropy: 3.5,
    tp: ['BITBUCKET_CLIENT_SECRET={b64u:32}'], fp: ['BITBUCKET_CLIENT_SECRET=$BITBUCKET_CLIENT_SECRET'],
  }),
  rule({
    id: 'atlassian-api-token', title: 'Atlassian API token', keywords: ['atatt3'],
    regex: prefixed('ATATT3', '[A-Za-z0-9_=-]{186}', 'A-Za-z0-9_=-'),
    tp: ['JIRA_API_TOKEN=ATATT3{b64u:186}'], fp: ['ATATT3{b64u:20}'],
  }),
  rule({
    id: 'atlassian-api-token-legacy', title: 'Atlassian API token (legacy format)', keywords: ['atlassian', 'jira', 'confluence'],
    regex: assigned(['atlassian_api_token', 'atlassian_token', 'jira_api_token', 'jira_token', 'confluence_api_token', 'confluence_token'], '[A-Za-z0-9]{24}'),
    entropy: 3.5,
    tp: ['JIRA_API_TOKEN={a62:24}'], fp: ['JIRA_API_TOKEN=${JIRA_API_TOKEN}'],
  }),
  rule({
    id: 'sourcegraph-token', title: 'Sourcegraph access token', keywords: ['sgp_', 'sourcegraph'],
    // sgp_ tokens, and the older unprefixed 40-hex tokens next to a sourcegraph name.
    regex: `${prefixed('sgp_', '(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}')}|${assigned(['sourcegraph'], '[a-fA-F0-9]{40}')}`,
    entropy: 3.2,
    tp: ['SRC_ACCESS_TOKEN=sgp_{hex:16}_{hex:40}', 'sourcegraph: sgp_{HEX:20}{hex:20}'], fp: ['sgp_{hex:10}', 'sgp_5555555dAAAAA7777777CcccCFaaaaaaaaaaaaaa'],
  }),
  rule({
    id: 'jfrog-api-key', title: 'JFrog Artifactory API key', keywords: ['jfrog', 'artifactory'],
    regex: assigned(['jfrog', 'artifactory'], 'AKC[A-Za-z0-9]{70}'),
    tp: ['ARTIFACTORY_API_KEY=AKCp8{a62:68}'], fp: ['ARTIFACTORY_API_KEY=AKC{a62:10}'],
  }),
  rule({
    id: 'jfrog-identity-token', title: 'JFrog identity / access token', keywords: ['jfrog', 'artifactory', 'bintray'],
    regex: assigned(['jfrog', 'artifactory', 'bintray'], '[A-Za-z0-9]{64}'),
    entropy: 4,
    tp: ['JFROG_ACCESS_TOKEN={a62:64}', 'bintrayApiKey: {a62:64}'], fp: ['JFROG_ACCESS_TOKEN=${{ secrets.JFROG }}'],
  }),
  rule({
    id: 'circleci-token', title: 'CircleCI API token', keywords: ['circle'],
    regex: assigned(['circleci', 'circle_token'], '(?:CCIPAT_[A-Za-z0-9]{22}_)?[a-f0-9]{40}'),
    tp: ['CIRCLE_TOKEN={hex:40}'], fp: ['CIRCLE_TOKEN=$CIRCLE_TOKEN'],
  }),
  rule({
    id: 'travis-ci-token', title: 'Travis CI access token', keywords: ['travis'],
    regex: assigned(['travis'], '[A-Za-z0-9_-]{22}'),
    entropy: 3.5,
    tp: ['TRAVIS_TOKEN={b64u:22}'], fp: ['TRAVIS_TOKEN=secure'],
  }),
  rule({
    id: 'buildkite-token', title: 'Buildkite API access token', keywords: ['bkua_'],
    regex: prefixed('bkua_', '[a-f0-9]{40}'),
    tp: ['BUILDKITE_API_TOKEN=bkua_{hex:40}'], fp: ['bkua_{hex:8}'],
  }),
  rule({
    id: 'octopus-deploy-api-key', title: 'Octopus Deploy API key', keywords: ['api-'],
    regex: prefixed('API-', '[A-Z0-9]{26}'),
    entropy: 3.5,
    tp: ['OCTOPUS_API_KEY=API-{A36:26}'], fp: ['API-VERSION-2024', 'API-XXXXXXXXXXXXXXXXXXXXXXXXXX'],
  }),
  rule({
    id: 'codecov-token', title: 'Codecov upload token', keywords: ['codecov'],
    regex: assigned(['codecov'], `(?:${UUID}|[a-f0-9]{32})`),
    tp: ['CODECOV_TOKEN={uuid}'], fp: ['CODECOV_TOKEN=${{ secrets.CODECOV_TOKEN }}'],
  }),
  rule({
    id: 'snyk-token', title: 'Snyk API token', keywords: ['snyk'],
    regex: assigned(['snyk'], UUID),
    tp: ['SNYK_TOKEN={uuid}', 'snykApiKey: {uuid}'], fp: ['SNYK_TOKEN=<snyk-token>'],
  }),
  rule({
    id: 'sonarqube-token', title: 'SonarQube / SonarCloud token', keywords: ['sqp_', 'squ_', 'sqa_'],
    regex: prefixed('sq[pua]_', '[a-f0-9]{40}'),
    tp: ['SONAR_TOKEN=squ_{hex:40}'], fp: ['squ_{hex:5}'],
  }),
  rule({
    id: 'sonar-token-legacy', title: 'SonarQube token (legacy format)', keywords: ['sonar'],
    regex: assigned(['sonar'], '(?:sq[pua]_)?[A-Za-z0-9]{40}'),
    entropy: 3,
    tp: ['SONAR_TOKEN={hex:40}', 'sonarToken := "{a36:40}"'], fp: ['SONAR_TOKEN=${SONAR_TOKEN}'],
  }),
  rule({
    id: 'linear-api-key', title: 'Linear API key', keywords: ['lin_api_'],
    regex: prefixed('lin_api_', '[A-Za-z0-9]{40}'),
    tp: ['LINEAR_API_KEY=lin_api_{a62:40}'], fp: ['lin_api_{a62:8}'],
  }),
  rule({
    id: 'clickup-api-token', title: 'ClickUp personal API token', keywords: ['pk_'],
    regex: prefixed('pk_', '[0-9]{6,9}_[0-9A-Z]{32}'),
    tp: ['CLICKUP_TOKEN=pk_{d:8}_{A36:32}'], fp: ['pk_{d:8}_short'],
  }),
  rule({
    id: 'notion-token', title: 'Notion integration token', keywords: ['ntn_'],
    regex: prefixed('ntn_', '[0-9]{11}[A-Za-z0-9]{35}'),
    tp: ['NOTION_TOKEN=ntn_{d:11}{a62:35}'], fp: ['ntn_{d:4}'],
  }),
  rule({
    id: 'notion-token-legacy', title: 'Notion integration token (legacy)', keywords: ['secret_'],
    regex: prefixed('secret_', '[A-Za-z0-9]{43}'),
    entropy: 4,
    tp: ['NOTION_API_KEY=secret_{a62:43}'], fp: ['client_secret_name = secret_value', 'secret_{a62:20}'],
  }),
  rule({
    id: 'airtable-pat', title: 'Airtable personal access token', keywords: ['pat'],
    regex: prefixed('pat', '[A-Za-z0-9]{14}\\.[a-f0-9]{64}'),
    tp: ['AIRTABLE_TOKEN=pat{a62:14}.{hex:64}'], fp: ['pattern.{hex:10}'],
  }),
  rule({
    id: 'figma-pat', title: 'Figma personal access token', keywords: ['figd_'],
    regex: prefixed('figd_', '[A-Za-z0-9_-]{40}', 'A-Za-z0-9_-'),
    tp: ['FIGMA_TOKEN=figd_{b64u:40}'], fp: ['figd_{b64u:8}'],
  }),
  rule({
    id: 'postman-api-key', title: 'Postman API key', keywords: ['pmak-'],
    regex: prefixed('PMAK-', '[a-f0-9]{24}-[a-f0-9]{34}'),
    tp: ['POSTMAN_API_KEY=PMAK-{hex:24}-{hex:34}'], fp: ['PMAK-{hex:24}'],
  }),
  rule({
    id: 'prefect-api-key', title: 'Prefect API key', keywords: ['pnu_'],
    regex: prefixed('pnu_', '[A-Za-z0-9]{36}'),
    tp: ['PREFECT_API_KEY=pnu_{a62:36}'], fp: ['pnu_{a62:10}'],
  }),
  rule({
    id: 'readme-api-key', title: 'ReadMe API key', keywords: ['rdme_'],
    regex: prefixed('rdme_', '[a-z0-9]{70}'),
    tp: ['README_API_KEY=rdme_{a36:70}'], fp: ['rdme_{a36:10}'],
  }),
  rule({
    id: 'typeform-token', title: 'Typeform personal access token', keywords: ['tfp_'],
    regex: prefixed('tfp_', '[A-Za-z0-9_.=-]{59}', 'A-Za-z0-9_.=-'),
    tp: ['TYPEFORM_TOKEN=tfp_{b64u:59}'], fp: ['tfp_{b64u:10}'],
  }),
  rule({
    id: 'contentful-pat', title: 'Contentful personal access token', keywords: ['cfpat-'],
    regex: prefixed('CFPAT-', '[A-Za-z0-9_-]{43}', 'A-Za-z0-9_-'),
    tp: ['CONTENTFUL_MANAGEMENT_TOKEN=CFPAT-{b64u:43}'], fp: ['CFPAT-{b64u:10}'],
  }),
  rule({
    id: 'frameio-token', title: 'Frame.io API token', keywords: ['fio-u-'],
    regex: prefixed('fio-u-', '[A-Za-z0-9_=-]{64}', 'A-Za-z0-9_=-'),
    tp: ['FRAMEIO_TOKEN=fio-u-{b64u:64}'], fp: ['fio-u-{b64u:10}'],
  }),
  rule({
    id: 'adobe-client-secret', title: 'Adobe client secret', keywords: ['p8e-'],
    regex: prefixed('p8e-', '[A-Za-z0-9-]{32}', 'A-Za-z0-9-'),
    tp: ['ADOBE_CLIENT_SECRET=p8e-{a62:32}'], fp: ['p8e-{a62:10}'],
  }),
];
