import { OWASP, type SastRule } from '../rule.js';

export const rule: SastRule = {
  id: 'sast.cleartext-protocol',
  title: 'Cleartext protocol client (Telnet, FTP)',
  severity: 'medium',
  cwe: 'CWE-319',
  owasp: OWASP.A02,
  bandit: 'B321',
  families: ['js', 'py'],
  remediation: 'Use SSH/SFTP or FTPS (ftplib.FTP_TLS); credentials and data cross the network in clear text otherwise.',
  samples: {
    bad: [
      { lang: 'python', code: `import ftplib\n\ndef upload(path):\n    ftp = ftplib.FTP("files.example.com")\n    ftp.login("deploy", os.environ["FTP_PASS"])\n` },
      { lang: 'javascript', code: `const telnet = require('telnet-client');\nconst conn = new telnet.Telnet();\n` },
    ],
    good: [
      { lang: 'python', code: `import ftplib\n\ndef upload(path):\n    ftp = ftplib.FTP_TLS("files.example.com")\n    ftp.login("deploy", os.environ["FTP_PASS"])\n` },
      { lang: 'javascript', code: `const { Client } = require('ssh2');\nconst conn = new Client();\n` },
    ],
  },
  onCall(call, ctx) {
    if (/^(?:telnetlib\.Telnet|ftplib\.FTP|telnet-client\.Telnet|ftp\.Client|basic-ftp\.Client)$/.test(call.name)) ctx.report(call.node, `Cleartext protocol client ${call.name}`);
    void ctx;
  },
};
