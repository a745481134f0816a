import type { OutboxMessage } from './entities/outbox-message.entity';

export interface OutboxRowView {
  id: string;
  kind: string;
  to: string;
  subject: string;
  createdAt: Date;
  status: 'sent' | 'pending' | 'retrying' | 'failed';
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
  nextAttemptAt: Date;
}

export interface OutboxMessageView extends OutboxRowView {
  text: string;
  attachments: { filename: string; contentType: string }[];
}

export function toOutboxRow(m: OutboxMessage): OutboxRowView {
  const status = m.sentAt ? 'sent' : m.failedAt ? 'failed' : m.attempts > 0 ? 'retrying' : 'pending';
  return {
    id: m.id,
    kind: m.kind,
    to: m.toName ? `${m.toName} <${m.toAddress}>` : m.toAddress,
    subject: m.subject,
    createdAt: m.createdAt,
    status,
    attempts: m.attempts,
    lastError: m.lastError,
    sentAt: m.sentAt,
    nextAttemptAt: m.nextAttemptAt,
  };
}

export function toOutboxMessage(m: OutboxMessage): OutboxMessageView {
  return {
    ...toOutboxRow(m),
    text: m.text,
    attachments: m.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType })),
  };
}
