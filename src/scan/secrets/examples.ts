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

/**
 * Google API keys that the Firebase SDKs publish in their own test sources (github.com/firebase/firebase-android-sdk
 * and firebase-js-sdk): public by design, restricted to test projects, copied into many apps' tests. Dropped, not
 * reported: a Firebase web key is not a secret, and these are known not to be anyone's.
 */
const PUBLISHED_TEST_KEYS = new Set(
  [
    'AIzaSyabcdefghijklmnopqrstuvwxyz1234567',
    'AIzaSyAnLA7NfeLquW1tJFpx_eQCxoX-oo6YyIs',
    'AIzaSyCkEhVjf3pduRDt6d1yKOMitrUEke8agEM',
    'AIzaSyDMAScliyLx7F0NPDEJi1QmyCgHIAODrlU',
    'AIzaSyD3asb-2pEZVqMkmL6M9N6nHZRR_znhrh0',
    'AIzaSyAdOS2zB6NCsk1pCdZ4-P6GBdi_UUPwX7c',
    'AIzaSyASWm6HmTMdYWpgMnjRBjxcQ9CKctWmLd4',
    'AIzaSyANUvH9H9BsUccjsu2pCmEkOPjjaXeDQgY',
    'AIzaSyA5_iVawFQ8ABuTZNUdcwERLJv_a_p4wtM',
    'AIzaSyA4UrcGxgwQFTfaI3no3t7Lt1sjmdnP5sQ',
    'AIzaSyDSb51JiIcB6OJpwwMicseKRhhrOq1cS7g',
    'AIzaSyBF2RrAIm4a0mO64EShQfqfd2AFnzAvvuU',
    'AIzaSyBcE-OOIbhjyR83gm4r2MFCu4MJmprNXsw',
    'AIzaSyB8qGxt4ec15vitgn44duC5ucxaOi4FmqE',
    'AIzaSyA8vmApnrHNFE0bApF4hoZ11srVL_n0nvY',
  ],
);

/**
 * The clear-text passwords Microsoft's nuget.config reference prints in its packageSourceCredentials examples
 * (learn.microsoft.com/nuget/reference/nuget-config-file): copied into many NuGet.Config files as a template, not
 * anyone's password. Dropped like the Firebase keys above.
 */
const PUBLISHED_SAMPLE_PASSWORDS = new Set(['33f!!lloppa', 'hal+9ooo_da!sY']); // gonogo:allow documentation example passwords

/**
 * Algolia search-only keys that open-source clients publish on purpose: Algolia's public npm-search index key (app
 * OFCNCOG2CU), shipped in yarn berry's interactive-tools plugin and copied into many package-search UIs. A search-only
 * key is read-only and public by design; an admin key has the same 32-hex shape, so only published ones are dropped.
 */
const PUBLISHED_SEARCH_KEYS = new Set(['6fe4476ee5a1832882e326b506d14126']); // gonogo:allow public Algolia search-only key

export function isPublishedTestKey(secret: string): boolean {
  return PUBLISHED_TEST_KEYS.has(secret) || PUBLISHED_SAMPLE_PASSWORDS.has(secret) || PUBLISHED_SEARCH_KEYS.has(secret);
}
