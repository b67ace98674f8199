// MailApp: sends into an outbox, counting recipients against the daily quota as Google does.

import type { RuntimeEnv } from './env';
import { messages, ScriptException } from './errors';
import type { Signatures } from './gas-types';
import type { SentMail } from './state';

export const maxRecipientsPerMessage = 50;
interface MailOptions {
  htmlBody?: string;
  name?: string;
  replyTo?: string;
  cc?: string;
  bcc?: string;
  noReply?: boolean;
}

interface MailMessage extends MailOptions {
  to: string;
  subject: string;
  body?: string;
}

const emailPattern = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

function addresses(list: string | undefined): string[] {
  if (!list) return [];
  return String(list)
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '');
}

export class MailAppImpl
  implements Signatures<GoogleAppsScript.Mail.MailApp, 'sendEmail' | 'getRemainingDailyQuota'>
{
  static readonly serviceName = 'MailApp';

  constructor(private readonly env: RuntimeEnv) {}

  getRemainingDailyQuota(): number {
    const exec = this.env.execution();
    return Math.max(
      0,
      this.env.options.mailQuota - this.env.mailUsage.usedToday(exec.user, this.env.clock.now()),
    );
  }

  /** sendEmail(message), sendEmail(to, subject, body) or sendEmail(to, subject, body, options). */
  sendEmail(
    messageOrTo: MailMessage | string,
    subject?: string,
    body?: string,
    options?: MailOptions | string,
  ): void {
    let message: MailMessage;
    if (typeof messageOrTo !== 'string') message = { ...messageOrTo };
    else if (typeof options === 'string')
      // sendEmail(to, replyTo, subject, body)
      message = { to: messageOrTo, replyTo: subject ?? '', subject: body ?? '', body: options };
    else
      message = { ...(options ?? {}), to: messageOrTo, subject: subject ?? '', body: body ?? '' };
    const to = addresses(message.to);
    const cc = addresses(message.cc);
    const bcc = addresses(message.bcc);
    const all = [...to, ...cc, ...bcc];
    if (to.length === 0 && cc.length === 0 && bcc.length === 0)
      throw new ScriptException('Failed to send email: no recipient');
    for (const address of all) {
      if (!emailPattern.test(address)) throw new ScriptException(`Invalid email: ${address}`);
    }
    if (all.length > maxRecipientsPerMessage)
      throw new ScriptException(messages.recipientsPerMessage);
    const exec = this.env.execution();
    let quotaMessage: string = messages.mailQuota;
    for (const other of this.env.mailUsage.concurrent) {
      if (other.user !== exec.user || ++other.seen !== other.atSend) continue;
      this.env.mailUsage.add(exec.user, this.env.clock.now(), other.recipients);
      quotaMessage = other.quotaMessage ?? quotaMessage;
    }
    if (all.length > this.getRemainingDailyQuota()) throw new ScriptException(quotaMessage);
    this.env.mailUsage.add(exec.user, this.env.clock.now(), all.length);
    const sent: SentMail = {
      execution: exec.id,
      from: exec.user,
      to,
      cc,
      bcc,
      subject: String(message.subject ?? ''),
      body: String(message.body ?? ''),
      sentAt: this.env.clock.date(),
    };
    if (message.htmlBody !== undefined) sent.htmlBody = String(message.htmlBody);
    if (message.name !== undefined) sent.name = String(message.name);
    if (message.replyTo !== undefined) sent.replyTo = String(message.replyTo);
    if (message.noReply !== undefined) sent.noReply = message.noReply === true;
    this.env.outbox.push(sent);
  }
}
