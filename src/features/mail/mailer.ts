import nodemailer, { type Transporter } from 'nodemailer';

export interface MailEnvelope {
  to: string[];
  subject: string;
  text: string;
}

export interface MailResult {
  outcome: 'delivered' | 'retry' | 'failed';
  statusCode: number | null;
  error: string | null;
}

/**
 * E-mail over SMTP with nodemailer, one pooled transport per process (connections reused across messages). A
 * permanent refusal (SMTP 5xx: no such mailbox, relay denied) fails the message at once; anything else — a
 * temporary 4xx, a connection that could not be made — is retried by the outbox.
 */
export class Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    const url = new URL(smtpUrl);
    url.searchParams.set('pool', 'true');
    this.transport = nodemailer.createTransport(url.toString());
  }

  async send(mail: MailEnvelope): Promise<MailResult> {
    try {
      await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text });
      return { outcome: 'delivered', statusCode: 250, error: null };
    } catch (error) {
      const { responseCode, message } = error as { responseCode?: number; message: string };
      const permanent = typeof responseCode === 'number' && responseCode >= 500;
      return { outcome: permanent ? 'failed' : 'retry', statusCode: responseCode ?? null, error: message };
    }
  }

  close(): void {
    this.transport.close();
  }
}
