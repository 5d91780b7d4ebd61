/**
 * Keys that vendors print in their documentation. They are reported (someone copied them, and the issue's own
 * launch check commits one) but at a lower severity, and can be baselined like any finding.
 */
const KNOWN_EXAMPLES = new Set([
  'AKIAIOSFODNN7EXAMPLE', // gonogo:allow documentation example key
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', // gonogo:allow documentation example key
  'AKIAI44QH8DHBEXAMPLE', // gonogo:allow documentation example key
  'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY', // gonogo:allow documentation example key
  'ASIAIOSFODNN7EXAMPLE', // gonogo:allow documentation example key
  'sk_test_4eC39HqLyjWDarjtT1zdp7dc', // gonogo:allow documentation example key
  'sk_test_BQokikJOvBiI2HlWgH4olfQ2', // gonogo:allow documentation example key
  'ghp_16C7e42F292c6912E7710c838347Ae178B4a', // gonogo:allow documentation example key
  'xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy', // gonogo:allow documentation example key
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c', // gonogo:allow documentation example key
]);

/** The payload of jwt.io's sample token ({"sub":"1234567890","name":"John Doe","iat":1516239022}), whatever the signature. */
const JWT_IO_PAYLOAD = '.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.'; // gonogo:allow documentation example

export function isDocumentationExample(secret: string): boolean {
  return KNOWN_EXAMPLES.has(secret) || /EXAMPLE/.test(secret) || secret.includes(JWT_IO_PAYLOAD);
}
