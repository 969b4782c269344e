// nginx (Debian's package) as the Go guides' WebSocket load balancer: round robin over backends,
// each answer naming the backend that took it (X-Backend on the 101).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's nginx binary (apt-get install -y nginx). */
export const NGINX = '/usr/sbin/nginx';

/** A running nginx on 127.0.0.1. */
export interface RunningNginx {
  readonly port: number;
  readonly url: string;
  stop(): Promise<void>;
}

/** A port that was free a moment ago (nginx cannot listen on port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** The nginx.conf of a WebSocket load balancer over `backends` (host:port), listening on `port`. */
export function loadBalancerConf(prefix: string, port: number, backends: readonly string[]): string {
  const temp = (name: string): string => `${name}_temp_path ${join(prefix, name)};`;
  return `daemon off;
master_process off;
worker_processes 1;
pid ${join(prefix, 'nginx.pid')};
error_log ${join(prefix, 'error.log')} warn;
events { worker_connections 512; }
http {
  access_log off;
  ${temp('client_body')} ${temp('proxy')} ${temp('fastcgi')} ${temp('uwsgi')} ${temp('scgi')}
  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
  upstream backends { ${backends.map((b) => `server ${b};`).join(' ')} }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://backends;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection $connection_upgrade;
      proxy_set_header Host $host;
      proxy_read_timeout 3600s;
      add_header X-Backend $upstream_addr always;
    }
  }
}
`;
}

/** Starts nginx as a load balancer over `backends`; resolves once it accepts connections. */
export async function startNginx(backends: readonly string[]): Promise<RunningNginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'wstap-nginx-'));
  const port = await freePort();
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(conf, loadBalancerConf(prefix, port, backends));
  const child: ChildProcess = spawn(NGINX, ['-p', prefix, '-c', conf, '-e', join(prefix, 'error.log')], {
    stdio: 'ignore',
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  for (let i = 0; i < 200 && !exited && !(await accepting(port)); i++)
    await new Promise((resolve) => setTimeout(resolve, 25));
  if (exited || !(await accepting(port))) {
    child.kill('SIGKILL');
    rmSync(prefix, { recursive: true, force: true });
    throw new Error(`nginx did not start on 127.0.0.1:${port}`);
  }
  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    async stop() {
      if (!exited) {
        child.kill('SIGTERM');
        await new Promise((resolve) => child.once('exit', resolve));
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

/** Whether nginx is installed. */
export function hasNginx(): boolean {
  return existsSync(NGINX);
}
