import { createHmac } from 'node:crypto';

/**
 * Delivery of notifications outside the app (SPEC §3 "an adapter interface for SMS / DingTalk / WeCom"). The in-app
 * notification (a row, pushed over SSE) is the record; adapters receive it after the commit through the outbox
 * (outbox.ts): a failing or slow adapter is retried later and never undoes or blocks what produced it.
 */

/** Who a notification is for: any of a user, everyone in a team, everyone holding a role. */
export interface NotificationAddress {
  userId: string | null;
  teamId: string | null;
  role: string | null;
}

/** What a notification is about, as a message names it: its kind, its id, the number a person reads. */
export interface SubjectRef {
  type: string;
  id: string;
  label: string;
}

/** What adapters receive: a stored notification, already committed. */
export interface NotificationMessage {
  /** The notification row's id: adapters may use it to drop a repeated delivery. */
  id: number;
  kind: string;
  level: 'info' | 'yellow' | 'red';
  title: { zh: string; en: string };
  /** What it is about (null: nothing in particular); `label` is for the text of an SMS or robot message. */
  subject: SubjectRef | null;
  to: NotificationAddress;
  createdAt: string;
}

export interface NotificationAdapter {
  /** 'log', 'dingtalk', 'wecom', 'sms', …: named in logs and in the delivery counts. */
  readonly channel: string;
  /** Resolve when the channel accepted the message; reject (or throw) when it did not. */
  send(message: NotificationMessage): Promise<void>;
}

/** The few logger methods the adapters use (pino and Fastify's logger both fit). */
export interface NotifyLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** The default: one log line per notification (no personal data: ids, kind, level and the title only). */
export function logAdapter(log: NotifyLog): NotificationAdapter {
  return {
    channel: 'log',
    async send(m) {
      log.info(
        { notificationId: m.id, kind: m.kind, level: m.level, subject: m.subject, to: m.to, title: m.title.zh },
        'notification',
      );
    },
  };
}

/** The text a chat robot or SMS carries: level mark, title, who it is for. */
export function plainText(m: NotificationMessage): string {
  const mark = m.level === 'red' ? '【超期】' : m.level === 'yellow' ? '【临期】' : '';
  return `${mark}${m.title.zh}`;
}

const TIMEOUT_MS = 5_000;

async function postJson(url: string, body: unknown, channel: string): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  // Both robots answer 200 with an error code in the body.
  const code = (() => {
    try {
      return (JSON.parse(text) as { errcode?: number }).errcode ?? 0;
    } catch {
      return 0;
    }
  })();
  if (!res.ok || code !== 0) throw new Error(`${channel}: HTTP ${res.status} errcode ${code}`);
}

/**
 * DingTalk custom robot (钉钉自定义机器人) of the command centre's group: text message; with a signing secret the
 * URL carries timestamp and sign = base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)).
 */
export function dingTalkAdapter(
  webhookUrl: string,
  secret?: string,
  now: () => number = Date.now,
): NotificationAdapter {
  return {
    channel: 'dingtalk',
    async send(m) {
      let url = webhookUrl;
      if (secret) {
        const ts = now();
        const sign = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
        url += `${url.includes('?') ? '&' : '?'}timestamp=${ts}&sign=${encodeURIComponent(sign)}`;
      }
      await postJson(url, { msgtype: 'text', text: { content: plainText(m) } }, 'dingtalk');
    },
  };
}

/** WeCom group robot (企业微信群机器人): text message to the webhook key's group. */
export function weComAdapter(webhookUrl: string): NotificationAdapter {
  return {
    channel: 'wecom',
    async send(m) {
      await postJson(webhookUrl, { msgtype: 'text', text: { content: plainText(m) } }, 'wecom');
    },
  };
}

export interface NotifyConfig {
  NOTIFY_CHANNELS: readonly string[];
  DINGTALK_WEBHOOK_URL?: string | undefined;
  DINGTALK_SECRET?: string | undefined;
  WECOM_WEBHOOK_URL?: string | undefined;
}

/**
 * The adapters named by NOTIFY_CHANNELS. SMS needs a vendor contract (signature, template ids) and the recipients'
 * phone numbers: a deployment adds its own adapter through `extra`.
 */
export function adaptersFromConfig(
  config: NotifyConfig,
  log: NotifyLog,
  extra: readonly NotificationAdapter[] = [],
): NotificationAdapter[] {
  const out: NotificationAdapter[] = [];
  for (const channel of config.NOTIFY_CHANNELS) {
    if (channel === 'log') out.push(logAdapter(log));
    else if (channel === 'dingtalk') {
      if (!config.DINGTALK_WEBHOOK_URL) throw new Error('NOTIFY_CHANNELS names dingtalk: set DINGTALK_WEBHOOK_URL');
      out.push(dingTalkAdapter(config.DINGTALK_WEBHOOK_URL, config.DINGTALK_SECRET));
    } else if (channel === 'wecom') {
      if (!config.WECOM_WEBHOOK_URL) throw new Error('NOTIFY_CHANNELS names wecom: set WECOM_WEBHOOK_URL');
      out.push(weComAdapter(config.WECOM_WEBHOOK_URL));
    }
  }
  return [...out, ...extra];
}
