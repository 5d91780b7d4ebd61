/** Where `gonogo db update` downloads from by default: the OSV project's public bucket. */
export const DEFAULT_OSV_URL = 'https://osv-vulnerabilities.storage.googleapis.com';
