import { isPublishedTestKey } from '../examples.js';
import { assigned, prefixed, rule, UUID } from '../rule.js';

/** Cloud providers: AWS, Google Cloud, Azure, Alibaba, IBM, DigitalOcean, Heroku and other hosting platforms. */
export const cloudRules = [
  rule({
    id: 'aws-access-key-id', title: 'AWS access key ID', severity: 'critical',
    keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
    regex: prefixed('(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)', '[A-Z2-7]{16}', 'A-Za-z0-9'),
    entropy: 3,
    tp: ['aws_access_key_id = AKIA{A32:16}', 'export AWS_KEY="ASIA{A32:16}"'],
    fp: ['AKIA{A32:15}', 'key = AKIAXXXXXXXXXXXXXXXX', 'AKIA0000000000000000'],
  }),
  rule({
    id: 'aws-secret-access-key', title: 'AWS secret access key', severity: 'critical',
    keywords: ['aws', 'secret_access', 'secretaccess'],
    regex: assigned(['aws_secret_access_key', 'aws_secret_key', 'aws_secret', 'secret_access_key', 'secretAccessKey', 'aws_sak'], '[A-Za-z0-9/+=]{40}'),
    entropy: 4,
    tp: ['aws_secret_access_key = {b64:40}', 'AWS_SECRET_ACCESS_KEY: "{b64:40}"', '"secretAccessKey": "{b64:40}"'],
    fp: ['aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}', 'aws_secret_access_key = {b64:39}', 'aws_secret_access_key = 0000000000000000000000000000000000000000'],
  }),
  rule({
    id: 'aws-session-token', title: 'AWS session token', severity: 'high',
    keywords: ['session_token', 'sessiontoken', 'security_token'],
    regex: assigned(['aws_session_token', 'aws_security_token', 'sessionToken'], '[A-Za-z0-9/+=]{100,1200}'),
    entropy: 4,
    tp: ['aws_session_token = IQoJb3JpZ2luX2VjE{b64:300}'],
    fp: ['aws_session_token = "{b64:50}"', 'aws_session_token = ${AWS_SESSION_TOKEN}'],
  }),
  rule({
    id: 'aws-mws-key', title: 'Amazon MWS auth token', keywords: ['amzn.mws'],
    regex: prefixed('amzn\\.mws\\.', UUID),
    tp: ['mws_token = amzn.mws.{uuid}'], fp: ['amzn.mws.{hex:8}'],
  }),
  rule({
    id: 'aws-bedrock-api-key', title: 'AWS Bedrock API key', keywords: ['absk'],
    regex: prefixed('ABSK', '[A-Za-z0-9+/]{100,300}={0,2}', 'A-Za-z0-9+/='),
    entropy: 4.5,
    tp: ['BEDROCK_KEY=ABSK{b64:132}'], fp: ['ABSK{b64:40}'],
  }),
  rule({
    id: 'gcp-service-account', title: 'Google Cloud service-account key (JSON)', severity: 'critical',
    keywords: ['service_account'],
    regex: /"type"\s*:\s*"service_account"[\s\S]{0,600}?"private_key_id"\s*:\s*"([0-9a-f]{40})"/,
    tp: ['{\n  "type": "service_account",\n  "project_id": "acme-prod",\n  "private_key_id": "{hex:40}",\n  "private_key": "-----BEGIN PRIVATE KEY-----\\n..."\n}'],
    fp: ['{ "type": "service_account", "project_id": "acme-prod", "client_email": "ci@acme-prod.iam.gserviceaccount.com" }', '"type": "service_account", "private_key_id": "<key id>"'],
  }),
  rule({
    id: 'gcp-api-key', title: 'Google API key', keywords: ['aiza'],
    // Every Google API key starts "AIzaSy" (39 characters); keys the Firebase SDKs publish in their tests are dropped.
    regex: prefixed('AIzaSy', '[0-9A-Za-z_-]{33}', 'A-Za-z0-9_-'),
    entropy: 3.5,
    validate: (s) => !isPublishedTestKey(s),
    tp: ['const firebaseKey = "AIzaSy{b64u:33}";', 'GOOGLE_API_KEY=AIzaSy{b64u:33}'],
    fp: ['AIzaSy{b64u:30}', 'apiKey: "AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"', 'AIzaQy{b64u:33}', 'apiKey: "AIzaSyabcdefghijklmnopqrstuvwxyz1234567"'],
  }),
  rule({
    id: 'gcp-oauth-client-secret', title: 'Google OAuth client secret', keywords: ['gocspx-'],
    regex: prefixed('GOCSPX-', '[A-Za-z0-9_-]{28}', 'A-Za-z0-9_-'),
    tp: ['"client_secret": "GOCSPX-{b64u:28}"'], fp: ['GOCSPX-{b64u:10}'],
  }),
  rule({
    id: 'google-oauth-access-token', title: 'Google OAuth access token', keywords: ['ya29.'],
    regex: prefixed('ya29\\.', '[0-9A-Za-z_-]{30,250}', 'A-Za-z0-9_-'),
    entropy: 4,
    tp: ['Authorization: Bearer ya29.a0{b64u:120}'], fp: ['ya29.{a:5}'],
  }),
  rule({
    id: 'google-oauth-refresh-token', title: 'Google OAuth refresh token', keywords: ['1//0'],
    regex: '(?<![A-Za-z0-9_/])(1//0[A-Za-z0-9_-]{40,120})(?![A-Za-z0-9_-])',
    entropy: 4,
    tp: ['refresh_token: 1//0{b64u:100}'], fp: ['see https://example.com/1//0 for details'],
  }),
  rule({
    id: 'azure-storage-account-key', title: 'Azure storage / Cosmos DB account key in a connection string', severity: 'critical',
    keywords: ['accountkey'],
    regex: /AccountKey\s*=\s*([A-Za-z0-9+/]{86}==)/,
    tp: ['DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey={b64:86}==;EndpointSuffix=core.windows.net'],
    fp: ['AccountKey=<storage-key>', 'DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;AccountKey=${STORAGE_KEY}'],
  }),
  rule({
    id: 'azure-storage-key', title: 'Azure storage account key', severity: 'critical',
    keywords: ['storage', 'azure'],
    regex: assigned(['azure', 'storage_account_key', 'storage_key'], '[A-Za-z0-9+/]{86}=='),
    tp: ['AZURE_STORAGE_KEY={b64:86}=='], fp: ['AZURE_STORAGE_KEY=$AZURE_STORAGE_KEY'],
  }),
  rule({
    id: 'azure-sas-token', title: 'Azure shared access signature (SAS) URL', keywords: ['sig='],
    regex: /[?&]sv=\d{4}-\d{2}-\d{2}&[^\s"'<>]{0,300}?\bsig=([A-Za-z0-9%+/]{40,90}(?:%3D|=)?)/,
    tp: ['https://acme.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2027-01-01T00:00:00Z&sig={a62:43}%3D'],
    fp: ['https://acme.blob.core.windows.net/backups?sv=2022-11-02&sig=<signature>'],
  }),
  rule({
    id: 'azure-service-bus-connection-string', title: 'Azure Service Bus / Event Hubs connection string', keywords: ['sharedaccesskey='],
    regex: /Endpoint=sb:\/\/[^;\s]+;SharedAccessKeyName=[^;\s]+;SharedAccessKey=([A-Za-z0-9+/]{43}=)/,
    tp: ['Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={b64:43}='],
    fp: ['Endpoint=sb://acme.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=<key>'],
  }),
  rule({
    id: 'azure-ad-client-secret', title: 'Azure AD (Entra ID) client secret', keywords: ['q~'],
    regex: '(?<![A-Za-z0-9_~.-])([A-Za-z0-9_~.]{3}\\dQ~[A-Za-z0-9_~.-]{31,34})(?![A-Za-z0-9_~.-])',
    entropy: 3.5,
    tp: ['AZURE_CLIENT_SECRET=a{a62:2}8Q~{a62:34}'], fp: ['AZURE_CLIENT_SECRET=abc8Q~short'],
  }),
  rule({
    id: 'azure-devops-pat', title: 'Azure DevOps personal access token', keywords: ['azdo'],
    regex: '(?<![A-Za-z0-9])([A-Za-z0-9]{52}AZDO[A-Za-z0-9]{4})(?![A-Za-z0-9])',
    entropy: 4,
    tp: ['AZURE_DEVOPS_PAT={a62:52}AZDO{a62:4}'], fp: ['AZDO{a62:10}'],
  }),
  rule({
    id: 'azure-devops-pat-legacy', title: 'Azure DevOps personal access token (legacy format)', keywords: ['devops', 'azdo', 'ado_pat'],
    regex: assigned(['azure', 'azdo_pat', 'azdo_token', 'ado_pat', 'devops_pat'], '[a-z2-7]{52}'),
    entropy: 3.5,
    tp: ['AZURE_DEVOPS_PAT: {a:52}'], fp: ['AZURE_DEVOPS_PAT: $(System.AccessToken)'],
  }),
  rule({
    id: 'alibaba-access-key-id', title: 'Alibaba Cloud AccessKey ID', keywords: ['ltai'],
    regex: prefixed('LTAI', '[A-Za-z0-9]{20}'),
    entropy: 3,
    tp: ['ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI{a62:20}'], fp: ['LTAI{a62:8}'],
  }),
  rule({
    id: 'alibaba-access-key-secret', title: 'Alibaba Cloud AccessKey secret', keywords: ['alibaba', 'aliyun'],
    regex: assigned(['alibaba', 'aliyun'], '[A-Za-z0-9]{30}'),
    entropy: 3.5,
    tp: ['ALIBABA_CLOUD_ACCESS_KEY_SECRET={a62:30}'], fp: ['ALIBABA_CLOUD_ACCESS_KEY_SECRET=${SECRET}'],
  }),
  rule({
    id: 'ibm-cloud-api-key', title: 'IBM Cloud API key', keywords: ['ibm', 'bluemix'],
    regex: assigned(['ibm_cloud_api_key', 'ibmcloud', 'ibm_api_key', 'bluemix_api_key', 'ic_api_key'], '[A-Za-z0-9_-]{44}'),
    entropy: 4,
    tp: ['IBMCLOUD_API_KEY={b64u:44}'], fp: ['IBMCLOUD_API_KEY=<api-key>'],
  }),
  ...(['dop', 'doo', 'dor'] as const).map((p, i) =>
    rule({
      id: ['digitalocean-pat', 'digitalocean-oauth-token', 'digitalocean-refresh-token'][i]!,
      title: ['DigitalOcean personal access token', 'DigitalOcean OAuth access token', 'DigitalOcean OAuth refresh token'][i]!,
      keywords: [`${p}_v1_`],
      regex: prefixed(`${p}_v1_`, '[a-f0-9]{64}'),
      tp: [`DIGITALOCEAN_TOKEN=${p}_v1_{hex:64}`], fp: [`${p}_v1_{hex:20}`],
    }),
  ),
  rule({
    id: 'heroku-api-key', title: 'Heroku API key', keywords: ['heroku'],
    regex: assigned(['heroku'], UUID),
    tp: ['HEROKU_API_KEY={uuid}'], fp: ['HEROKU_API_KEY=<uuid>'],
  }),
  rule({
    id: 'heroku-api-key-v2', title: 'Heroku API key (HRKU format)', keywords: ['hrku-'],
    regex: prefixed('HRKU-AA', '[0-9a-zA-Z_-]{58}', 'A-Za-z0-9_-'),
    tp: ['HEROKU_API_KEY=HRKU-AA{b64u:58}'], fp: ['HRKU-AA{b64u:10}'],
  }),
  rule({
    id: 'linode-token', title: 'Linode (Akamai) API token', keywords: ['linode'],
    regex: assigned(['linode'], '[a-f0-9]{64}'),
    tp: ['LINODE_TOKEN={hex:64}'], fp: ['LINODE_TOKEN=your-linode-token'],
  }),
  rule({
    id: 'scaleway-secret-key', title: 'Scaleway secret key', keywords: ['scw_secret', 'scaleway'],
    regex: assigned(['scw_secret_key', 'scaleway'], UUID),
    tp: ['SCW_SECRET_KEY={uuid}'], fp: ['SCW_SECRET_KEY=${SCW_SECRET_KEY}'],
  }),
  rule({
    id: 'cloudflare-api-token', title: 'Cloudflare API token', keywords: ['cloudflare', 'cf_api'],
    regex: assigned(['cloudflare', 'cf_api_token'], '[A-Za-z0-9_-]{40}'),
    entropy: 3.5,
    tp: ['CLOUDFLARE_API_TOKEN={b64u:40}'], fp: ['CLOUDFLARE_API_TOKEN=""'],
  }),
  rule({
    id: 'cloudflare-global-api-key', title: 'Cloudflare global API key', keywords: ['cloudflare', 'cf_api'],
    regex: assigned(['cloudflare', 'cf_api_key'], '[a-f0-9]{37}'),
    tp: ['CLOUDFLARE_API_KEY={hex:37}'], fp: ['CLOUDFLARE_API_KEY={hex:32}'],
  }),
  rule({
    id: 'cloudflare-origin-ca-key', title: 'Cloudflare Origin CA key', keywords: ['v1.0-'],
    regex: prefixed('v1\\.0-', '[a-f0-9]{24}-[a-f0-9]{146}'),
    tp: ['CF_ORIGIN_CA_KEY=v1.0-{hex:24}-{hex:146}'], fp: ['version v1.0-{hex:24}'],
  }),
  rule({
    id: 'fastly-api-token', title: 'Fastly API token', keywords: ['fastly'],
    regex: assigned(['fastly'], '[A-Za-z0-9_-]{32}'),
    entropy: 3.5,
    tp: ['FASTLY_API_TOKEN={b64u:32}'], fp: ['FASTLY_API_TOKEN=$FASTLY_API_TOKEN'],
  }),
  rule({
    id: 'vultr-api-key', title: 'Vultr API key', keywords: ['vultr'],
    regex: assigned(['vultr'], '[A-Z0-9]{36}'),
    entropy: 3.5,
    tp: ['VULTR_API_KEY={A36:36}'], fp: ['VULTR_API_KEY=YOUR_VULTR_API_KEY_XXXXXXXXXXXXXXXXX'],
  }),
  rule({
    id: 'terraform-cloud-token', title: 'Terraform Cloud / HCP API token', keywords: ['atlasv1'],
    regex: '(?<![A-Za-z0-9])([A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9=_-]{60,70})(?![A-Za-z0-9=_-])',
    tp: ['token = "{a62:14}.atlasv1.{b64u:67}"'], fp: ['{a62:14}.atlasv1.short'],
  }),
  rule({
    id: 'vault-service-token', title: 'HashiCorp Vault service token (hvs., and legacy s. next to a token / vault name)', keywords: ['hvs.', 'vault', 'token'],
    regex: `${prefixed('hvs\\.', '[A-Za-z0-9_-]{90,120}', 'A-Za-z0-9_-')}|${assigned(['vault', 'token'], 's\\.[A-Za-z0-9]{24}')}`,
    entropy: 3.5,
    tp: ['VAULT_TOKEN=hvs.{b64u:95}', 'token: s.{a62:24}'], fp: ['hvs.{b64u:24}', 'token: s.{a:6}'],
  }),
  rule({
    id: 'vault-batch-token', title: 'HashiCorp Vault batch token', keywords: ['hvb.'],
    regex: prefixed('hvb\\.', '[A-Za-z0-9_-]{138,300}', 'A-Za-z0-9_-'),
    tp: ['VAULT_TOKEN=hvb.{b64u:160}'], fp: ['hvb.{b64u:24}'],
  }),
  rule({
    id: 'openshift-user-token', title: 'OpenShift user token', keywords: ['sha256~'],
    regex: prefixed('sha256~', '[A-Za-z0-9_-]{43}', 'A-Za-z0-9_-'),
    tp: ['oc login --token=sha256~{b64u:43}'], fp: ['sha256~{b64u:10}'],
  }),
  rule({
    id: 'doppler-token', title: 'Doppler API token', keywords: ['dp.pt.', 'dp.st.', 'dp.sa.', 'dp.ct.'],
    regex: prefixed('dp\\.(?:pt|st|sa|ct|scim|audit)\\.', '[a-zA-Z0-9]{40,44}'),
    tp: ['DOPPLER_TOKEN=dp.pt.{a62:43}'], fp: ['dp.pt.{a62:10}'],
  }),
  rule({
    id: 'pulumi-access-token', title: 'Pulumi access token', keywords: ['pul-'],
    regex: prefixed('pul-', '[a-f0-9]{40}'),
    tp: ['PULUMI_ACCESS_TOKEN=pul-{hex:40}'], fp: ['pul-{hex:10}'],
  }),
  rule({
    id: 'flyio-token', title: 'Fly.io access token (fo1_, fm1a_/fm1r_ and fm2_ macaroons, FlyV1 headers)', keywords: ['fo1_', 'fm1a_', 'fm1r_', 'fm2_'],
    // fm1*/fm2_ macaroons are long base64; "FlyV1 fm2_..., fm2_..." lists several, each reported.
    regex: prefixed('(?:fo1_[A-Za-z0-9_-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,}={0,3}|fm2_[A-Za-z0-9+/]{100,}={0,3})', '', 'A-Za-z0-9_+/=-'),
    entropy: 3.5,
    tp: ['FLY_API_TOKEN=fo1_{b64u:43}', 'flyToken: "fm1r_{b64:140}"', 'Authorization: FlyV1 fm2_{b64:180}=='], fp: ['fo1_{b64u:10}', 'fm2_{b64:20}', 'authenticity_token: Fo1_{b64u:43}'],
  }),
  rule({
    id: 'netlify-token', title: 'Netlify access token', keywords: ['netlify'],
    regex: assigned(['netlify'], '[A-Za-z0-9_-]{40,46}'),
    entropy: 3.5,
    tp: ['NETLIFY_AUTH_TOKEN={b64u:43}'], fp: ['NETLIFY_AUTH_TOKEN=${{ secrets.NETLIFY_AUTH_TOKEN }}'],
  }),
  rule({
    id: 'vercel-token', title: 'Vercel access token', keywords: ['vercel'],
    regex: assigned(['vercel'], '[A-Za-z0-9]{24}'),
    entropy: 3.5,
    tp: ['VERCEL_TOKEN={a62:24}'], fp: ['VERCEL_TOKEN=${{ secrets.VERCEL_TOKEN }}'],
  }),
  rule({
    id: 'supabase-access-token', title: 'Supabase personal access token', keywords: ['sbp_'],
    regex: prefixed('sbp_', '[a-f0-9]{40}'),
    tp: ['SUPABASE_ACCESS_TOKEN=sbp_{hex:40}'], fp: ['sbp_{hex:12}'],
  }),
  ...(['tkn', 'pw', 'oauth'] as const).map((k) =>
    rule({
      id: `planetscale-${k === 'tkn' ? 'api-token' : k === 'pw' ? 'password' : 'oauth-token'}`,
      title: `PlanetScale ${k === 'tkn' ? 'API token' : k === 'pw' ? 'password' : 'OAuth token'}`,
      keywords: [`pscale_${k}_`],
      regex: prefixed(`pscale_${k}_`, '[A-Za-z0-9_.=-]{32,64}', 'A-Za-z0-9_.=-'),
      tp: [`PLANETSCALE=pscale_${k}_{b64u:43}`], fp: [`pscale_${k}_{a:6}`],
    }),
  ),
  rule({
    id: 'databricks-token', title: 'Databricks personal access token', keywords: ['dapi'],
    regex: prefixed('dapi', '[a-f0-9]{32}(?:-\\d)?'),
    tp: ['DATABRICKS_TOKEN=dapi{hex:32}'], fp: ['dapi{hex:10}'],
  }),
  rule({
    id: 'yandex-api-key', title: 'Yandex Cloud API key', keywords: ['aqvn'],
    regex: prefixed('AQVN', '[A-Za-z0-9_-]{35,38}', 'A-Za-z0-9_-'),
    tp: ['YC_API_KEY=AQVN{b64u:36}'], fp: ['AQVN{b64u:5}'],
  }),
  rule({
    id: 'yandex-iam-token', title: 'Yandex Cloud IAM token', keywords: ['t1.'],
    regex: prefixed('t1\\.[A-Z0-9a-z_-]+[=]{0,2}\\.', '[A-Z0-9a-z_-]{86}[=]{0,2}', 'A-Za-z0-9_=-'),
    tp: ['YC_TOKEN=t1.9euelZq{b64u:20}.{b64u:86}'], fp: ['t1.small.thing'],
  }),
  rule({
    id: 'infracost-api-token', title: 'Infracost API token', keywords: ['ico-'],
    // Not after "." or "/": "video_box.ico-<hash>.png" is a fingerprinted file name.
    regex: `(?<![A-Za-z0-9_./-])(ico-[A-Za-z0-9]{32})(?![A-Za-z0-9_.-])`,
    entropy: 3.5,
    tp: ['INFRACOST_API_KEY=ico-{a62:32}'], fp: ['ico-{a62:10}', '/assets/video_box.ico-{hex:32}.png'],
  }),
  rule({
    id: 'harness-pat', title: 'Harness personal / service account token', keywords: ['pat.', 'sat.'],
    regex: prefixed('(?:pat|sat)\\.', '[A-Za-z0-9_-]{22}\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{20}'),
    entropy: 3,
    tp: ['HARNESS_TOKEN=pat.{b64u:22}.{hex:24}.{a62:20}', 'harness.sa=sat.{b64u:22}.{a62:24}.{a62:20}'], fp: ['pat.{a:5}.{hex:4}'],
  }),
  rule({
    id: 'defined-networking-api-token', title: 'Defined Networking API token', keywords: ['dnkey-'],
    regex: prefixed('dnkey-', '[a-z0-9=_-]{26}-[a-z0-9=_-]{52}', 'a-z0-9=_-'),
    tp: ['DN_API_KEY=dnkey-{a36:26}-{a36:52}'], fp: ['dnkey-{a36:5}'],
  }),
];
