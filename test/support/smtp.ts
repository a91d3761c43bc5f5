/**
 * A real SMTP server in the test process (npm smtp-server). It counts an email as received when
 * it answers 250 to the message: a client that goes away while the server waits to answer (the
 * `delayMs` of a slow server) has delivered nothing, as with a server that commits at its reply.
 */
import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerAddress } from 'smtp-server';

export interface Received {
  messageId: string;
  notificationId: string;
  to: string[];
  subject: string;
  raw: string;
  /** performance.now() when the server gave its 250. */
  acceptedAt: number;
}

export interface SmtpOptions {
  /** A reply code for a recipient (550: no such user, 451: try later), or undefined to accept. */
  rcpt?: (address: string) => number | undefined;
  /** Milliseconds to wait before answering a message (a slow server). */
  delayMs?: number;
  /** Told when a message's data has arrived, before the answer. */
  onData?: (messageId: string) => void;
}

export interface TestSmtp {
  url: string;
  received: Received[];
  /** Messages whose sender went away before the answer (not delivered). */
  abandoned: string[];
  options: SmtpOptions;
  count(messageId: string): number;
  stop(): Promise<void>;
}

function header(raw: string, name: string): string {
  const m = new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw);
  return m ? m[1].replace(/\r?\n[ \t]/g, ' ').trim() : '';
}

export async function startSmtp(options: SmtpOptions = {}): Promise<TestSmtp> {
  const received: Received[] = [];
  const abandoned: string[] = [];
  const closed = new Set<string>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      const code = options.rcpt?.(address.address);
      if (code === undefined) return callback();
      const e = Object.assign(new Error(code >= 500 ? '5.1.1 no such mailbox' : '4.3.0 try again later'), { responseCode: code });
      callback(e);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const messageId = header(raw, 'Message-ID');
        options.onData?.(messageId);
        setTimeout(() => {
          if (closed.has(session.id)) {
            abandoned.push(messageId);
            return callback(new Error('the client went away'));
          }
          received.push({
            messageId,
            notificationId: header(raw, 'X-Care-Reviews-Notification'),
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: header(raw, 'Subject'),
            raw,
            acceptedAt: performance.now(),
          });
          callback();
        }, options.delayMs ?? 0);
      });
    },
    onClose(session) {
      closed.add(session.id);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    abandoned,
    options,
    count: (id) => received.filter((r) => r.messageId === id).length,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The email's text (quoted-printable undone). */
export const bodyOf = (raw: string): string =>
  raw
    .replace(/\r\n/g, '\n')
    .split('\n\n')
    .slice(1)
    .join('\n\n')
    .replace(/=\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/[\u0080-\u00ff]+/g, (m) => Buffer.from(m, 'latin1').toString('utf8'));
