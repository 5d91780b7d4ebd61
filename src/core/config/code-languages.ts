/** Fence languages gonogo can check, and the checker each one uses. */
export const CODE_LANGUAGES = {
  json: 'json',
  yaml: 'yaml',
  yml: 'yaml',
  ts: 'ts',
  typescript: 'ts',
  mts: 'ts',
  cts: 'ts',
  tsx: 'tsx',
  js: 'js',
  javascript: 'js',
  mjs: 'js',
  cjs: 'js',
  jsx: 'jsx',
  bash: 'bash',
  shell: 'bash',
  sh: 'sh',
} as const;
export type CodeLanguage = keyof typeof CODE_LANGUAGES;
export const DEFAULT_CODE_LANGUAGES: readonly CodeLanguage[] = ['json', 'yaml', 'yml', 'ts', 'typescript', 'js', 'javascript', 'bash', 'sh'];
