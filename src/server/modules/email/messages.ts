import { escapeHtml } from '../../../shared/html.js';
import type { OutgoingEmail } from './mailer.js';

/**
 * The emails Tessera sends, as plain text with a simple HTML twin. Every text that came from a
 * user (a display name, a notification title) is escaped in the HTML.
 */

function siteUrl(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

/** A plain page: a heading, paragraphs, one button, the link spelled out, and a footer. */
function htmlPage(parts: {
  heading: string;
  paragraphs: string[];
  button?: { label: string; href: string };
  after?: string[];
  publicUrl: string;
}): string {
  const p = (text: string) => `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;
  const button = parts.button
    ? `<p style="margin:24px 0"><a href="${escapeHtml(parts.button.href)}" style="background:#1c7ed6;color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600">${escapeHtml(parts.button.label)}</a></p>` +
      `<p style="margin:0 0 16px;font-size:13px;color:#555">Or open this address: <a href="${escapeHtml(parts.button.href)}">${escapeHtml(parts.button.href)}</a></p>`
    : '';
  const site = siteUrl(parts.publicUrl);
  return [
    '<!doctype html><html><body style="font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#1a1b1e;line-height:1.5;max-width:560px;margin:0 auto;padding:24px">',
    `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(parts.heading)}</h1>`,
    ...parts.paragraphs.map(p),
    button,
    ...(parts.after ?? []),
    `<p style="margin:32px 0 0;font-size:12px;color:#777">Tessera · <a href="${escapeHtml(site)}">${escapeHtml(site)}</a></p>`,
    '</body></html>',
  ].join('\n');
}

function textFooter(publicUrl: string): string {
  return `\n--\nTessera · ${siteUrl(publicUrl)}\n`;
}

export function passwordResetEmail(args: {
  to: string;
  displayName: string;
  link: string;
  validMinutes: number;
  publicUrl: string;
}): OutgoingEmail {
  const intro = `Someone (we hope you) asked to reset the password of your Tessera account, ${args.to}.`;
  const validity = `The link works once, for ${args.validMinutes} minutes. Setting a new password signs you out everywhere and revokes your access tokens.`;
  const ignore = 'If you did not ask for this, ignore this email: your password stays as it is.';
  return {
    to: args.to,
    kind: 'password_reset',
    link: args.link,
    subject: 'Reset your Tessera password',
    text: [
      `Hello ${args.displayName},`,
      '',
      intro,
      '',
      'Choose a new password here:',
      args.link,
      '',
      validity,
      '',
      ignore,
      textFooter(args.publicUrl),
    ].join('\n'),
    html: htmlPage({
      heading: 'Reset your password',
      paragraphs: [`Hello ${args.displayName},`, intro],
      button: { label: 'Choose a new password', href: args.link },
      after: [validity, ignore].map((t) => `<p style="margin:0 0 16px">${escapeHtml(t)}</p>`),
      publicUrl: args.publicUrl,
    }),
  };
}

export function verificationEmail(args: {
  to: string;
  displayName: string;
  link: string;
  validHours: number;
  publicUrl: string;
}): OutgoingEmail {
  const intro = `Please confirm that ${args.to} is your email address, so Tessera can reach you about your account and your work.`;
  const validity = `The link works for ${args.validHours} hours. If you did not create a Tessera account, ignore this email.`;
  return {
    to: args.to,
    kind: 'email_verification',
    link: args.link,
    subject: 'Confirm your email address for Tessera',
    text: [
      `Hello ${args.displayName},`,
      '',
      intro,
      '',
      'Confirm it here:',
      args.link,
      '',
      validity,
      textFooter(args.publicUrl),
    ].join('\n'),
    html: htmlPage({
      heading: 'Confirm your email address',
      paragraphs: [`Hello ${args.displayName},`, intro],
      button: { label: 'Confirm my email', href: args.link },
      after: [`<p style="margin:0 0 16px">${escapeHtml(validity)}</p>`],
      publicUrl: args.publicUrl,
    }),
  };
}

export type DigestItem = { title: string; body: string; link: string | null; createdAt: Date };

export function digestEmail(args: {
  to: string;
  displayName: string;
  items: DigestItem[];
  /** How many unread there are in all (the email lists at most `items`). */
  total: number;
  publicUrl: string;
}): OutgoingEmail {
  const site = siteUrl(args.publicUrl);
  const notificationsUrl = `${site}/notifications`;
  const settingsUrl = `${site}/settings#email`;
  const count = `${args.total} new notification${args.total === 1 ? '' : 's'}`;
  const more = args.total - args.items.length;
  const absolute = (link: string | null) => (link ? `${site}${link}` : notificationsUrl);
  const textItems = args.items.map(
    (item) => `- ${item.title}${item.body ? `\n  ${item.body}` : ''}\n  ${absolute(item.link)}`,
  );
  const stop =
    'You get this email because you asked for a daily digest. Turn it off in your settings:';
  return {
    to: args.to,
    kind: 'daily_digest',
    subject: `Tessera: ${count}`,
    text: [
      `Hello ${args.displayName},`,
      '',
      `Since your last digest you have ${count}:`,
      '',
      ...textItems,
      ...(more > 0 ? ['', `…and ${more} more.`] : []),
      '',
      `See them all: ${notificationsUrl}`,
      '',
      stop,
      settingsUrl,
      textFooter(args.publicUrl),
    ].join('\n'),
    html: htmlPage({
      heading: `You have ${count}`,
      paragraphs: [`Hello ${args.displayName},`],
      after: [
        '<ul style="padding-left:20px;margin:0 0 16px">',
        ...args.items.map(
          (item) =>
            `<li style="margin:0 0 12px"><a href="${escapeHtml(absolute(item.link))}" style="font-weight:600">${escapeHtml(item.title)}</a>` +
            (item.body ? `<br><span style="color:#555">${escapeHtml(item.body)}</span>` : '') +
            '</li>',
        ),
        '</ul>',
        ...(more > 0 ? [`<p style="margin:0 0 16px">…and ${more} more.</p>`] : []),
        `<p style="margin:0 0 16px"><a href="${escapeHtml(notificationsUrl)}">See all your notifications</a></p>`,
        `<p style="margin:24px 0 0;font-size:12px;color:#777">${escapeHtml(stop)} <a href="${escapeHtml(settingsUrl)}">settings</a>.</p>`,
      ],
      publicUrl: args.publicUrl,
    }),
  };
}

/**
 * A requester's message to a worker who did their work (MTurk's NotifyWorkers). The text is the
 * requester's, shown as plain text (escaped in the HTML, never a link the requester chose).
 */
export function requesterMessageEmail(args: {
  to: string;
  displayName: string;
  requesterName: string;
  subject: string;
  text: string;
  publicUrl: string;
}): OutgoingEmail {
  const site = siteUrl(args.publicUrl);
  const notificationsUrl = `${site}/notifications`;
  const from = `${args.requesterName}, a requester whose work you did on Tessera, sent you this message:`;
  const why =
    'Requesters can message only workers who did their tasks. The message is in your notifications too.';
  return {
    to: args.to,
    kind: 'requester_message',
    subject: `Tessera: ${args.subject}`,
    text: [
      `Hello ${args.displayName},`,
      '',
      from,
      '',
      args.text,
      '',
      why,
      notificationsUrl,
      textFooter(args.publicUrl),
    ].join('\n'),
    html: htmlPage({
      heading: args.subject,
      paragraphs: [`Hello ${args.displayName},`, from],
      after: [
        `<blockquote style="margin:0 0 16px;padding:0 0 0 12px;border-left:3px solid #ccc;white-space:pre-wrap">${escapeHtml(args.text)}</blockquote>`,
        `<p style="margin:0 0 16px;font-size:13px;color:#555">${escapeHtml(why)} <a href="${escapeHtml(notificationsUrl)}">Your notifications</a>.</p>`,
      ],
      publicUrl: args.publicUrl,
    }),
  };
}
