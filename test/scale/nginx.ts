import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './processes.js';

export const SHIPPED_CONFIG = join(ROOT, 'deploy/nginx.conf');

/** nginx from Debian's package (root's PATH has /usr/sbin, others' may not). */
export function findNginx(): string | undefined {
  for (const candidate of ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/bin/nginx']) {
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export type Site = {
  upstreams: string[];
  httpsPort: number;
  httpPort: number;
  webRoot: string;
  certificate: string;
  certificateKey: string;
  accessLog: string;
};

/**
 * deploy/nginx.conf with only what differs between a host and this test replaced: the
 * instances' addresses, the ports, the certificate, the web root and the log file. Every
 * replacement must match exactly once, so a change to the shipped file that the test would no
 * longer exercise fails here instead of passing unnoticed.
 */
export function renderSite(shipped: string, site: Site): string {
  let text = shipped;
  const replaceOnce = (pattern: RegExp, replacement: string) => {
    const found = text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`));
    if (found?.length !== 1) {
      throw new Error(
        `deploy/nginx.conf: expected one match of ${pattern}, found ${found?.length ?? 0}`,
      );
    }
    text = text.replace(pattern, replacement);
  };
  const upstream = /upstream tessera \{[^}]*\}/.exec(text)?.[0];
  const servers = upstream?.match(/^[ \t]*server \S+( [^;]*)?;$/gm) ?? [];
  if (!upstream || servers.length === 0) throw new Error('deploy/nginx.conf: no upstream servers');
  const parameters = /^[ \t]*server \S+( [^;]*)?;$/m.exec(servers[0] as string)?.[1] ?? '';
  const indent = /^([ \t]*)/.exec(servers[0] as string)?.[1] ?? '    ';
  const ours = site.upstreams.map((address) => `${indent}server ${address}${parameters};`);
  let rewritten = upstream;
  servers.forEach((line, i) => {
    rewritten = rewritten.replace(`${line}\n`, i === 0 ? `${ours.join('\n')}\n` : '');
  });
  replaceOnce(/upstream tessera \{[^}]*\}/, rewritten);
  replaceOnce(/listen 80;/, `listen 127.0.0.1:${site.httpPort};`);
  replaceOnce(/listen 443 ssl http2;/, `listen 127.0.0.1:${site.httpsPort} ssl http2;`);
  replaceOnce(/ssl_certificate +\S+;/, `ssl_certificate ${site.certificate};`);
  replaceOnce(/ssl_certificate_key +\S+;/, `ssl_certificate_key ${site.certificateKey};`);
  replaceOnce(/access_log \S+ tessera;/, `access_log ${site.accessLog} tessera;`);
  replaceOnce(/root \S+;/, `root ${site.webRoot};`);
  return text;
}

/** nginx's main context around the site, everything it writes kept inside `dir`. */
function mainConfig(dir: string, site: string): string {
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `    ${kind}_temp_path ${join(dir, 'temp', kind)};`)
    .join('\n');
  const mimeTypes = existsSync('/etc/nginx/mime.types')
    ? 'include /etc/nginx/mime.types;'
    : 'types { text/html html; application/javascript js; text/css css; }';
  return `worker_processes 1;
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 512; }
http {
    ${mimeTypes}
    default_type application/octet-stream;
${temp}
${site}
}
`;
}

/** A self-signed certificate for 127.0.0.1, as nginx's TLS needs one. */
export function selfSignedCertificate(dir: string) {
  const certificate = join(dir, 'cert.pem');
  const certificateKey = join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-keyout',
      certificateKey,
      '-out',
      certificate,
    ],
    { stdio: 'ignore' },
  );
  return { certificate, certificateKey };
}

function portOpen(port: number) {
  return new Promise<boolean>((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** Runs a real nginx in the foreground over `site` (the rendered shipped config). */
export async function startNginx(dir: string, site: Site & { config: string }) {
  const binary = findNginx();
  if (!binary) throw new Error('nginx is not installed (apt-get install nginx)');
  mkdirSync(join(dir, 'temp'), { recursive: true });
  const file = join(dir, 'nginx.conf');
  writeFileSync(file, mainConfig(dir, site.config));
  execFileSync(binary, ['-t', '-p', dir, '-c', file], { stdio: 'pipe' });
  const child = spawn(binary, ['-p', dir, '-c', file, '-g', 'daemon off;'], { stdio: 'ignore' });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  for (let i = 0; !(await portOpen(site.httpsPort)); i++) {
    if (i > 100 || child.exitCode !== null) {
      throw new Error(`nginx did not start: ${readFileSync(join(dir, 'error.log'), 'utf8')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    accessLog: () => (existsSync(site.accessLog) ? readFileSync(site.accessLog, 'utf8') : ''),
    async stop() {
      if (child.exitCode === null) child.kill('SIGQUIT');
      await exited;
    },
  };
}
