#!/usr/bin/env node
// `npm test`: everything CI runs. Installs the system peers the tests talk to (apt, when root and
// apt-get exist), says what is missing when it can't, then builds and runs the gate and the suites.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** System packages the integration tests use as real peers, and how to tell each is there. */
const PEERS = [
  { pkg: 'tshark', present: () => has('tshark') },
  { pkg: 'golang-go', present: () => has('go') },
  {
    pkg: 'golang-github-gorilla-websocket-dev',
    present: () => existsSync('/usr/share/gocode/src/github.com/gorilla/websocket'),
  },
  {
    pkg: 'python3-websockets',
    present: () => run('/usr/bin/python3', ['-c', 'import websockets'], { quiet: true }) === 0,
  },
  // The interactive prompt's test types into a real pseudo-terminal (main/cli/connect/prompt-pty.test.ts).
  { pkg: 'tmux', present: () => has('tmux') },
  // A real browser as a WebSocket client of wstap serve (test/peers/chromium.ts), later the e2e suite.
  { pkg: 'chromium', present: () => existsSync('/usr/bin/chromium') },
  // The Go guides' load balancer in front of gorilla backends, with wstap proxy around it.
  { pkg: 'nginx', present: () => existsSync('/usr/sbin/nginx') },
  // Self-signed certificates (wstap serve --tls-self-signed) and the test PKI.
  { pkg: 'openssl', present: () => has('openssl') },
  // mitmdump writes the real flow files wstap imports (test/integration/mitmproxy-flows.test.ts).
  { pkg: 'mitmproxy', present: () => has('mitmdump') },
];

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function run(cmd, args, { quiet = false, env } = {}) {
  const r = spawnSync(cmd, args, { stdio: quiet ? 'ignore' : 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function ensurePeers() {
  const missing = PEERS.filter((p) => !p.present()).map((p) => p.pkg);
  if (missing.length === 0) return true;
  const canApt = process.getuid?.() === 0 && has('apt-get');
  if (!canApt) {
    console.error(
      `test peers missing: ${missing.join(' ')}\n  install them with: sudo apt-get install -y ${missing.join(' ')}\n  (tests that need them are skipped)`,
    );
    return false;
  }
  console.error(`installing test peers: ${missing.join(' ')}`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  if (
    run('apt-get', ['update', '-qq'], { env }) !== 0 ||
    run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { env }) !== 0
  ) {
    console.error('apt-get failed: tests that need these peers will be skipped');
    return false;
  }
  return true;
}

const peersReady = ensurePeers();
// In CI a missing peer is a failure, not a skip.
const env = peersReady || process.env.CI ? { REQUIRE_PEERS: '1' } : {};
const steps = [
  ['npm', ['run', 'build']],
  ['npm', ['run', 'typecheck']],
  ['npm', ['run', 'lint']],
  ['npx', ['vitest', 'run']],
  // The desktop console: Electronegativity over the shell (no HIGH findings), the packaging layout
  // check (a stub Electron: not a runnable app), then Playwright in Debian Chromium (e2e/).
  ['npm', ['run', 'security']],
  ['npm', ['run', 'package:check']],
  [
    'npx',
    ['playwright', 'test'],
    'the e2e suite failed: the built console in /usr/bin/chromium (browser mode, `wstap ui`) did not do what ' +
      'e2e/*.spec.ts expect. Each failed test left a screenshot and a trace under test-results/ ' +
      '(npx playwright show-trace test-results/<test>/trace.zip); rerun one file: npx playwright test e2e/<file>.spec.ts',
  ],
];
for (const [cmd, args, why] of steps) {
  console.error(`\n▶ ${cmd} ${args.join(' ')}`);
  const status = run(cmd, args, { env });
  if (status !== 0) {
    console.error(`\n✗ ${cmd} ${args.join(' ')} failed (exit ${status})${why ? `\n  ${why}` : ''}`);
    process.exit(status);
  }
}
