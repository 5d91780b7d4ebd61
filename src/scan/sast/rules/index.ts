import type { SastRule } from '../rule.js';
import { rule as bindAllInterfaces } from './bind-all-interfaces.js';
import { rule as cleartextProtocol } from './cleartext-protocol.js';
import { rule as cookieInsecure } from './cookie-insecure.js';
import { rule as djangoDebug } from './django-debug.js';
import { rule as documentWrite } from './document-write.js';
import { rule as domXssInnerHtml } from './dom-xss-inner-html.js';
import { rule as ecbMode } from './ecb-mode.js';
import { rule as flaskDebug } from './flask-debug.js';
import { rule as frameworkEscapeHatch } from './framework-escape-hatch.js';
import { rule as hardcodedCredentials } from './hardcoded-credentials.js';
import { rule as insecureRandom } from './insecure-random.js';
import { rule as jinjaAutoescape } from './jinja-autoescape.js';
import { rule as jsEval } from './js-eval.js';
import { rule as jsExecInjection } from './js-exec-injection.js';
import { rule as jsNewFunction } from './js-new-function.js';
import { rule as jsSpawnShell } from './js-spawn-shell.js';
import { rule as jsUnsafeDeserialize } from './js-unsafe-deserialize.js';
import { rule as jsVm } from './js-vm.js';
import { rule as jwtMissingAlgorithms } from './jwt-missing-algorithms.js';
import { rule as jwtNoneAlgorithm } from './jwt-none-algorithm.js';
import { rule as ldapInjection } from './ldap-injection.js';
import { rule as nodeTlsEnv } from './node-tls-env.js';
import { rule as nosqlInjection } from './nosql-injection.js';
import { rule as nosqlWhereDynamic } from './nosql-where-dynamic.js';
import { rule as openRedirect } from './open-redirect.js';
import { rule as paramikoAutoadd } from './paramiko-autoadd.js';
import { rule as passwordFastHash } from './password-fast-hash.js';
import { rule as pathTraversal } from './path-traversal.js';
import { rule as prototypePollutionAssign } from './prototype-pollution-assign.js';
import { rule as prototypePollutionMerge } from './prototype-pollution-merge.js';
import { rule as pyAssertSecurity } from './py-assert-security.js';
import { rule as pyEval } from './py-eval.js';
import { rule as pyExec } from './py-exec.js';
import { rule as pyMarshal } from './py-marshal.js';
import { rule as pyMktemp } from './py-mktemp.js';
import { rule as pyOsSystem } from './py-os-system.js';
import { rule as pyPickle } from './py-pickle.js';
import { rule as pyShellInjection } from './py-shell-injection.js';
import { rule as pySslUnverified } from './py-ssl-unverified.js';
import { rule as pyVerifyFalse } from './py-verify-false.js';
import { rule as pyXmlUntrusted } from './py-xml-untrusted.js';
import { rule as pyYamlLoad } from './py-yaml-load.js';
import { rule as reactDangerousHtml } from './react-dangerous-html.js';
import { rule as redos } from './redos.js';
import { rule as reflectedXss } from './reflected-xss.js';
import { rule as regexInjection } from './regex-injection.js';
import { rule as renderOptionsInjection } from './render-options-injection.js';
import { rule as sqlInjection } from './sql-injection.js';
import { rule as ssrf } from './ssrf.js';
import { rule as timingUnsafeCompare } from './timing-unsafe-compare.js';
import { rule as tlsRejectUnauthorized } from './tls-reject-unauthorized.js';
import { rule as trustBoundary } from './trust-boundary.js';
import { rule as weakCipher } from './weak-cipher.js';
import { rule as weakHash } from './weak-hash.js';
import { rule as weakTlsVersion } from './weak-tls-version.js';
import { rule as xpathInjection } from './xpath-injection.js';
import { rule as xxeEntitiesEnabled } from './xxe-entities-enabled.js';

/** Every SAST rule, one file each; docs/sast.md lists them with their CWE / OWASP / Bandit / eslint ids. */
export const SAST_RULES: readonly SastRule[] = [
  bindAllInterfaces,
  cleartextProtocol,
  cookieInsecure,
  djangoDebug,
  documentWrite,
  domXssInnerHtml,
  ecbMode,
  flaskDebug,
  frameworkEscapeHatch,
  hardcodedCredentials,
  insecureRandom,
  jinjaAutoescape,
  jsEval,
  jsExecInjection,
  jsNewFunction,
  jsSpawnShell,
  jsUnsafeDeserialize,
  jsVm,
  jwtMissingAlgorithms,
  jwtNoneAlgorithm,
  ldapInjection,
  nodeTlsEnv,
  nosqlInjection,
  nosqlWhereDynamic,
  openRedirect,
  paramikoAutoadd,
  passwordFastHash,
  pathTraversal,
  prototypePollutionAssign,
  prototypePollutionMerge,
  pyAssertSecurity,
  pyEval,
  pyExec,
  pyMarshal,
  pyMktemp,
  pyOsSystem,
  pyPickle,
  pyShellInjection,
  pySslUnverified,
  pyVerifyFalse,
  pyXmlUntrusted,
  pyYamlLoad,
  reactDangerousHtml,
  redos,
  reflectedXss,
  regexInjection,
  renderOptionsInjection,
  sqlInjection,
  ssrf,
  timingUnsafeCompare,
  tlsRejectUnauthorized,
  trustBoundary,
  weakCipher,
  weakHash,
  weakTlsVersion,
  xpathInjection,
  xxeEntitiesEnabled,
];
