import type { IacRule } from '../rule.js';
import { rule as composeCapAdd } from './compose-cap-add.js';
import { rule as composeDockerSocket } from './compose-docker-socket.js';
import { rule as composeHostNamespaces } from './compose-host-namespaces.js';
import { rule as composePrivileged } from './compose-privileged.js';
import { rule as composeSecretEnv } from './compose-secret-env.js';
import { rule as dockerfileAdd } from './dockerfile-add.js';
import { rule as dockerfileCurlPipeShell } from './dockerfile-curl-pipe-shell.js';
import { rule as dockerfileExposeSsh } from './dockerfile-expose-ssh.js';
import { rule as dockerfileLatestTag } from './dockerfile-latest-tag.js';
import { rule as dockerfileNoHealthcheck } from './dockerfile-no-healthcheck.js';
import { rule as dockerfileRootUser } from './dockerfile-root-user.js';
import { rule as dockerfileSecretEnv } from './dockerfile-secret-env.js';
import { rule as dockerfileSudo } from './dockerfile-sudo.js';
import { rule as dockerfileUnpinnedPackages } from './dockerfile-unpinned-packages.js';
import { rule as k8sCapabilities } from './k8s-capabilities.js';
import { rule as k8sDefaultServiceAccount } from './k8s-default-service-account.js';
import { rule as k8sHostNamespaces } from './k8s-host-namespaces.js';
import { rule as k8sHostPath } from './k8s-host-path.js';
import { rule as k8sLatestImage } from './k8s-latest-image.js';
import { rule as k8sPrivilegeEscalation } from './k8s-privilege-escalation.js';
import { rule as k8sPrivileged } from './k8s-privileged.js';
import { rule as k8sProbes } from './k8s-probes.js';
import { rule as k8sResources } from './k8s-resources.js';
import { rule as k8sRunAsRoot } from './k8s-run-as-root.js';
import { rule as k8sSeccompNotSet } from './k8s-seccomp-not-set.js';
import { rule as k8sSeccompUnconfined } from './k8s-seccomp-unconfined.js';
import { rule as k8sWritableRootFs } from './k8s-writable-root-fs.js';

/** Every IaC rule, one file each; docs/iac.md lists them with the equivalent hadolint / trivy / kube-linter ids. */
export const IAC_RULES: readonly IacRule[] = [
  composeCapAdd,
  composeDockerSocket,
  composeHostNamespaces,
  composePrivileged,
  composeSecretEnv,
  dockerfileAdd,
  dockerfileCurlPipeShell,
  dockerfileExposeSsh,
  dockerfileLatestTag,
  dockerfileNoHealthcheck,
  dockerfileRootUser,
  dockerfileSecretEnv,
  dockerfileSudo,
  dockerfileUnpinnedPackages,
  k8sCapabilities,
  k8sDefaultServiceAccount,
  k8sHostNamespaces,
  k8sHostPath,
  k8sLatestImage,
  k8sPrivilegeEscalation,
  k8sPrivileged,
  k8sProbes,
  k8sResources,
  k8sRunAsRoot,
  k8sSeccompNotSet,
  k8sSeccompUnconfined,
  k8sWritableRootFs,
];
