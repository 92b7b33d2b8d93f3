/**
 * A real SMTP server on loopback (the smtp-server package) that keeps what it receives, for the digest's
 * end-to-end tests: it can reject chosen recipients, hold its reply, or call a hook when a message has arrived
 * but is not yet acknowledged (the crash test kills the sender there).
 */
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';

export interface ReceivedMail {
  readonly to: readonly string[];
  readonly messageId: string;
  readonly headers: ReadonlyMap<string, string>;
  readonly text: string;
  readonly html: string;
  readonly raw: string;
}

export interface SmtpSink {
  readonly port: number;
  readonly url: string;
  readonly messages: ReceivedMail[];
  /** Recipients for which RCPT TO is answered with a 550. */
  rejectRecipient: (address: string) => boolean;
  /** Called once a message is fully received and before the server replies 250. */
  beforeReply: (mail: ReceivedMail, count: number) => Promise<void> | void;
  close(): Promise<void>;
}

export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const sink: SmtpSink = {
    port: 0,
    url: '',
    messages: [],
    rejectRecipient: () => false,
    beforeReply: () => undefined,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS'],
    logger: process.env.SINK_LOG === '1',
    onAuth(auth, _session, callback) {
      // The credentials of SMTP_URL must reach the server.
      if (auth.username === 'digest' && auth.password === 'secret') callback(null, { user: auth.username });
      else callback(new Error('535 bad credentials'));
    },
    onRcptTo(address, _session, callback) {
      if (sink.rejectRecipient(address.address)) {
        callback(Object.assign(new Error('5.1.1 mailbox unavailable'), { responseCode: 550 }));
      } else callback();
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mail = parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address));
        sink.messages.push(mail);
        Promise.resolve(sink.beforeReply(mail, sink.messages.length)).then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : 0;
  Object.assign(sink, { port: bound, url: `smtp://digest:secret@127.0.0.1:${bound}` });
  return sink;
}

/** Just enough MIME for nodemailer's output: unfolded headers and the decoded text and HTML alternatives. */
export function parseMail(raw: string, to: readonly string[]): ReceivedMail {
  const { headers, body } = splitHeaders(raw);
  const parts: { type: string; content: string }[] = [];
  const walk = (h: ReadonlyMap<string, string>, b: string) => {
    const type = h.get('content-type') ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
    if (type.startsWith('multipart/') && boundary !== undefined) {
      for (const part of b.split(`--${boundary}`).slice(1, -1)) {
        const p = splitHeaders(part.replace(/^\r?\n/, ''));
        walk(p.headers, p.body);
      }
      return;
    }
    parts.push({ type: type.split(';')[0]!.trim(), content: decode(b, h.get('content-transfer-encoding') ?? '7bit') });
  };
  walk(headers, body);
  return {
    to,
    messageId: headers.get('message-id') ?? '',
    headers,
    text: parts.find((p) => p.type === 'text/plain')?.content ?? '',
    html: parts.find((p) => p.type === 'text/html')?.content ?? '',
    raw,
  };
}

function splitHeaders(text: string): { headers: Map<string, string>; body: string } {
  const at = text.search(/\r?\n\r?\n/);
  const head = at < 0 ? text : text.slice(0, at);
  const body = at < 0 ? '' : text.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return { headers, body };
}

function decode(body: string, encoding: string): string {
  switch (encoding.toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    case 'quoted-printable':
      return qpDecode(body.replace(/=\r?\n/g, ''));
    default:
      return body;
  }
}

/** Decodes an RFC 2047 encoded-word header (`=?UTF-8?B?…?=` / `=?UTF-8?Q?…?=`). */
export function decodeHeader(value: string): string {
  return value.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, kind: string, text: string) =>
    kind.toLowerCase() === 'b'
      ? Buffer.from(text, 'base64').toString('utf8')
      : qpDecode(text.replace(/_/g, ' ')),
  );
}

function qpDecode(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const hex = s.slice(i + 1, i + 3);
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
