import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { CONFIG, type Config } from '../config.js';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Sends e-mail over SMTP when SMTP_URL is set; otherwise writes it to the log, links included. */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly log = new Logger('Mail');
  private readonly transport: Transporter | null;

  constructor(@Inject(CONFIG) private readonly config: Config) {
    this.transport = config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : null;
  }

  async send(mail: Mail): Promise<void> {
    if (!this.transport) {
      this.log.warn(
        `SMTP_URL is not set; e-mail to ${mail.to} logged instead:\n${mail.subject}\n\n${mail.text}`,
      );
      return;
    }
    await this.transport.sendMail({ from: this.config.MAIL_FROM, ...mail });
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
