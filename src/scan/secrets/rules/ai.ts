import { assigned, prefixed, rule } from '../rule.js';

/** AI and ML providers: OpenAI, Anthropic, Hugging Face, Cohere, Replicate, Groq, Mistral, ... */
export const aiRules = [
  rule({
    id: 'openai-api-key', title: 'OpenAI API key', keywords: ['t3blbkfj'], severity: 'critical',
    regex: prefixed('sk-(?:(?:proj|svcacct|admin)-)?', '(?:[A-Za-z0-9_-]{20,74})T3BlbkFJ(?:[A-Za-z0-9_-]{20,74})', 'A-Za-z0-9_-'),
    tp: ['OPENAI_API_KEY=sk-proj-{b64u:74}T3BlbkFJ{b64u:74}', 'openai.api_key = "sk-{a62:20}T3BlbkFJ{a62:20}"'],
    // Every OpenAI key (user, project, service-account, admin) carries the T3BlbkFJ marker; an sk-proj- look-alike
    // without it is another vendor's key or a made-up value.
    fp: ['sk-T3BlbkFJ', 'OPENAI_API_KEY=sk-...', 'OPENAI_API_KEY=sk-proj-{b64u:156}'],
  }),
  rule({
    id: 'anthropic-api-key', title: 'Anthropic API key', keywords: ['sk-ant-api'], severity: 'critical',
    regex: prefixed('sk-ant-api03-', '[A-Za-z0-9_-]{93}AA', 'A-Za-z0-9_-'),
    tp: ['ANTHROPIC_API_KEY=sk-ant-api03-{b64u:93}AA'], fp: ['sk-ant-api03-{b64u:20}AA'],
  }),
  rule({
    id: 'anthropic-admin-key', title: 'Anthropic admin API key', keywords: ['sk-ant-admin'], severity: 'critical',
    regex: prefixed('sk-ant-admin01-', '[A-Za-z0-9_-]{93}AA', 'A-Za-z0-9_-'),
    tp: ['ANTHROPIC_ADMIN_KEY=sk-ant-admin01-{b64u:93}AA'], fp: ['sk-ant-admin01-{b64u:20}'],
  }),
  rule({
    id: 'huggingface-token', title: 'Hugging Face access token', keywords: ['hf_'],
    regex: prefixed('hf_', '[A-Za-z]{34}'),
    entropy: 3.5,
    tp: ['HF_TOKEN=hf_{a:17}{A:17}'], fp: ['hf_{a:10}', 'hf_hub_download_from_repository_cache'],
  }),
  rule({
    id: 'huggingface-org-token', title: 'Hugging Face organisation token', keywords: ['api_org_'],
    regex: prefixed('api_org_', '[A-Za-z]{34}'),
    entropy: 3.5,
    tp: ['HF_ORG_TOKEN=api_org_{a:17}{A:17}'], fp: ['api_org_{a:10}'],
  }),
  rule({
    id: 'cohere-api-key', title: 'Cohere API key', keywords: ['cohere', 'co_api_key'],
    regex: assigned(['cohere', 'co_api_key'], '[A-Za-z0-9]{40}'),
    entropy: 4,
    tp: ['COHERE_API_KEY={a62:40}'], fp: ['COHERE_API_KEY=${COHERE_API_KEY}'],
  }),
  rule({
    id: 'replicate-api-token', title: 'Replicate API token', keywords: ['r8_'],
    regex: prefixed('r8_', '[A-Za-z0-9]{37}'),
    entropy: 3.5,
    tp: ['REPLICATE_API_TOKEN=r8_{a62:37}'], fp: ['r8_{a62:10}'],
  }),
  rule({
    id: 'groq-api-key', title: 'Groq API key', keywords: ['gsk_'],
    regex: prefixed('gsk_', '[A-Za-z0-9]{52}'),
    tp: ['GROQ_API_KEY=gsk_{a62:52}'], fp: ['gsk_{a62:10}'],
  }),
  rule({
    id: 'perplexity-api-key', title: 'Perplexity API key', keywords: ['pplx-'],
    regex: prefixed('pplx-', '[A-Za-z0-9]{48}'),
    tp: ['PERPLEXITY_API_KEY=pplx-{a62:48}'], fp: ['pplx-{a62:10}'],
  }),
  rule({
    id: 'xai-api-key', title: 'xAI API key', keywords: ['xai-'],
    regex: prefixed('xai-', '[A-Za-z0-9]{80}'),
    tp: ['XAI_API_KEY=xai-{a62:80}'], fp: ['xai-{a62:10}'],
  }),
  rule({
    id: 'mistral-api-key', title: 'Mistral AI API key', keywords: ['mistral'],
    regex: assigned(['mistral'], '[A-Za-z0-9]{32}'),
    entropy: 3.5,
    tp: ['MISTRAL_API_KEY={a62:32}'], fp: ['MISTRAL_API_KEY=<mistral-key>'],
  }),
  rule({
    id: 'deepseek-api-key', title: 'DeepSeek API key', keywords: ['deepseek'],
    regex: assigned(['deepseek'], 'sk-[a-f0-9]{32}'),
    tp: ['DEEPSEEK_API_KEY=sk-{hex:32}'], fp: ['DEEPSEEK_API_KEY=sk-xxx'],
  }),
  rule({
    id: 'together-api-key', title: 'Together AI API key', keywords: ['together'],
    regex: assigned(['together_api_key', 'togetherai', 'together_key'], '(?:tgp_v1_)?[A-Za-z0-9_-]{43,64}'),
    entropy: 3.5,
    tp: ['TOGETHER_API_KEY={hex:64}'], fp: ['TOGETHER_API_KEY=<together-key>'],
  }),
  rule({
    id: 'fireworks-api-key', title: 'Fireworks AI API key', keywords: ['fw_'],
    regex: prefixed('fw_', '[A-Za-z0-9]{24}'),
    entropy: 3.5,
    tp: ['FIREWORKS_API_KEY=fw_{a62:24}'], fp: ['fw_{a62:8}', 'fw_update_available_for_devices'],
  }),
  rule({
    id: 'langsmith-api-key', title: 'LangSmith API key', keywords: ['lsv2_'],
    regex: prefixed('lsv2_(?:pt|sk)_', '[a-f0-9]{32}_[a-f0-9]{10}'),
    tp: ['LANGCHAIN_API_KEY=lsv2_pt_{hex:32}_{hex:10}'], fp: ['lsv2_pt_{hex:10}'],
  }),
  rule({
    id: 'pinecone-api-key', title: 'Pinecone API key', keywords: ['pcsk_'],
    regex: prefixed('pcsk_', '[A-Za-z0-9]{5,6}_[A-Za-z0-9]{63}'),
    tp: ['PINECONE_API_KEY=pcsk_{a62:6}_{a62:63}'], fp: ['pcsk_{a62:6}'],
  }),
  rule({
    id: 'elevenlabs-api-key', title: 'ElevenLabs API key', keywords: ['elevenlabs', 'xi_api_key', 'xi-api-key'],
    regex: assigned(['elevenlabs', 'eleven_api_key', 'xi_api_key'], '(?:sk_)?[a-f0-9]{32,48}'),
    tp: ['ELEVENLABS_API_KEY=sk_{hex:48}'], fp: ['ELEVENLABS_API_KEY=<key>'],
  }),
  rule({
    id: 'assemblyai-api-key', title: 'AssemblyAI API key', keywords: ['assemblyai', 'assembly_ai'],
    regex: assigned(['assemblyai', 'assembly_ai_api_key'], '[a-f0-9]{32}'),
    tp: ['ASSEMBLYAI_API_KEY={hex:32}'], fp: ['ASSEMBLYAI_API_KEY=${KEY}'],
  }),
  rule({
    id: 'deepgram-api-key', title: 'Deepgram API key', keywords: ['deepgram'],
    regex: assigned(['deepgram'], '[a-f0-9]{40}'),
    tp: ['DEEPGRAM_API_KEY={hex:40}'], fp: ['DEEPGRAM_API_KEY=${DEEPGRAM}'],
  }),
  rule({
    id: 'wandb-api-key', title: 'Weights & Biases API key', keywords: ['wandb'],
    regex: assigned(['wandb'], '[a-f0-9]{40}'),
    tp: ['WANDB_API_KEY={hex:40}'], fp: ['WANDB_API_KEY=$WANDB_API_KEY'],
  }),
  rule({
    id: 'openrouter-api-key', title: 'OpenRouter API key', keywords: ['sk-or-v1-'],
    regex: prefixed('sk-or-v1-', '[a-f0-9]{64}'),
    tp: ['OPENROUTER_API_KEY=sk-or-v1-{hex:64}'], fp: ['sk-or-v1-{hex:10}'],
  }),
];
