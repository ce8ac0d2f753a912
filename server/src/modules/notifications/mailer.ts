import nodemailer from 'nodemailer';
import type { Config } from '../../config';

/** One e-mail, already rendered. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Where answers go: for an external party, the person who sent the ticket their way. */
  replyTo?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** The SMTP mailer of `SMTP_URL`, or null when e-mail is off. */
export function createMailer(mail: Config['mail']): Mailer | null {
  if (!mail.smtpUrl) return null;
  const transport = nodemailer.createTransport(
    {
      url: mail.smtpUrl,
      // A mail server that stops answering must not hold the queue for nodemailer's minutes-long defaults.
      connectionTimeout: 15_000,
      greetingTimeout: 15_000,
      socketTimeout: 30_000,
    },
    { from: mail.from },
  );
  return {
    async send(message) {
      await transport.sendMail(message);
    },
    close: () => transport.close(),
  };
}
