import { OWASP, type SastRule } from '../rule.js';

const SECURITY = /auth|admin|permission|perm\b|role|is_staff|superuser|logged_in|owner|access|csrf|token|password|signature|verified|allowed|authorized|can_/i;

export const rule: SastRule = {
  id: 'sast.py-assert-security',
  title: 'assert used for a security check (removed under python -O)',
  severity: 'medium',
  cwe: 'CWE-703',
  owasp: OWASP.A04,
  bandit: 'B101',
  families: ['py'],
  remediation: 'Use an explicit if ...: raise PermissionError / abort(403); asserts disappear when Python runs with -O.',
  samples: {
    bad: [{ lang: 'python', code: `def delete_account(user, account):\n    assert user.is_admin or account.owner_id == user.id, "forbidden"\n    account.delete()\n` }],
    good: [{ lang: 'python', code: `def delete_account(user, account):\n    assert account is not None\n    if not (user.is_admin or account.owner_id == user.id):\n        raise PermissionError("forbidden")\n    account.delete()\n` }],
  },
  on: {
    assert_statement(node, ctx) {
      const test = node.namedChildren[0];
      if (test && SECURITY.test(test.text)) ctx.report(node);
    },
  },
};
