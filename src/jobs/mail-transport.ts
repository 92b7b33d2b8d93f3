/**
 * Where digest messages go: an SMTP server through nodemailer (SMTP_URL), or by default a file outbox in the data
 * directory, one `.eml` per message, so a newcomer can open what the job would have sent. Both compose the message
 * with nodemailer, so the files are exactly what SMTP would carry.
 */
import { createHash } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared/index.js';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';
import { writeFileDurably } from '../store/embedded/durable-file.js';

export interface OutgoingMail {
  readonly from: string;
  readonly to: { readonly name: string; readonly address: string };
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** With angle brackets, e.g. `<…@innomatch>`. */
  readonly messageId: string;
  readonly headers: Readonly<Record<string, string>>;
  /** A short, readable stem for the outbox file name (e.g. `2026-W48-kt`). */
  readonly fileStem: string;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'file';
  /** Resolves when the message was accepted; rejects with the reason otherwise. */
  send(mail: OutgoingMail): Promise<void>;
  close(): Promise<void>;
}

/**
 * SMTP through a pool of `connections` connections (one per message the job has in flight; the job paces them).
 * Timeouts are short enough that a dead server fails each message within seconds instead of hanging the batch.
 */
export function createSmtpTransport(url: string, connections = 1): MailTransport {
  // nodemailer ignores every other option when given `{ url }`, so parse the URL here; its query (e.g.
  // `?tls.rejectUnauthorized=false`) still overrides these defaults.
  const options = {
    pool: true,
    maxConnections: connections,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    ...parseConnectionUrl(url),
  } as SMTPPool.Options;
  const transporter = nodemailer.createTransport(options.secure === true ? options : { ...options, getSocket: connectWithoutDelay } as SMTPPool.Options);
  return {
    kind: 'smtp',
    async send(mail) {
      const info = (await transporter.sendMail(toNodemailer(mail))) as { rejected?: unknown[] };
      if ((info.rejected ?? []).length > 0) throw new Error(`the server rejected ${mail.to.address}`);
    },
    async close() {
      transporter.close();
    },
  };
}

/**
 * Opens the plain TCP connection for nodemailer's pool with Nagle's algorithm off. With it on, the small
 * end-of-data line `.` waits for the ACK of the message body, which the server delays (~40 ms) because it answers
 * only after the end of data: one message per ~50 ms on loopback instead of several hundred per second.
 * STARTTLS still upgrades this socket; `smtps://` keeps nodemailer's own TLS connection.
 *
 * When this connection fails, nodemailer is told to connect by itself (`false`), so that the failure is reported
 * and the pool slot released its usual way (an error handed back from here would leave the slot taken for good).
 */
function connectWithoutDelay(
  opts: { host?: string; port?: number; connectionTimeout?: number },
  callback: (err: null, socketOptions: { connection: Socket } | false) => void,
): void {
  const socket = connect({ host: opts.host ?? 'localhost', port: opts.port ?? 25 });
  socket.setNoDelay(true);
  const fallBack = () => {
    clearTimeout(timer);
    socket.destroy();
    callback(null, false);
  };
  const timer = setTimeout(fallBack, opts.connectionTimeout ?? 10_000);
  socket.once('error', fallBack);
  socket.once('connect', () => {
    clearTimeout(timer);
    socket.off('error', fallBack);
    callback(null, { connection: socket });
  });
}

/**
 * Writes each message to `<dir>/<stem>-<hash>.eml` durably (temp file, fsync, rename). The name is derived from
 * the Message-ID, so resending a message left in doubt replaces its file instead of adding a second one.
 */
export function createFileTransport(dir: string): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  return {
    kind: 'file',
    async send(mail) {
      const info = (await transporter.sendMail(toNodemailer(mail))) as { message: Buffer };
      const hash = createHash('sha256').update(mail.messageId).digest('hex').slice(0, 12);
      await writeFileDurably(join(dir, `${mail.fileStem}-${hash}.eml`), [info.message.toString('utf8')]);
    },
    async close() {
      transporter.close();
    },
  };
}

function toNodemailer(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: { name: mail.to.name, address: mail.to.address },
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    messageId: mail.messageId,
    headers: { ...mail.headers },
  };
}

/** One line for the delivery log: the SMTP reply when there is one (`550 5.1.1 …`), else the error. */
export function describeMailError(e: unknown): string {
  const err = (typeof e === 'object' && e !== null ? e : {}) as { code?: unknown; response?: unknown; message?: unknown };
  const parts = [typeof err.code === 'string' ? err.code : undefined, typeof err.response === 'string' ? err.response : typeof err.message === 'string' ? err.message : String(e)];
  return parts
    .filter((p): p is string => p !== undefined && p !== '')
    .join(': ')
    .replace(/\s+/g, ' ')
    .slice(0, 2000);
}
