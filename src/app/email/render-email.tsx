import { render } from '@react-email/components';
import type { CustomerEmailPayload } from './customer-email.js';
import { EmailLayout } from './email-layout.js';
import { emailLanguageOf, emailWordsOf } from './email-texts.js';

/** A header value on one line: CR, LF and other controls become spaces, so no text can add a header. */
export function oneLine(value: string): string {
  return value
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface EmailSchoolFacts {
  name: string;
  defaultLanguage: string;
  /** Lines under the school's name (its address). */
  signature: readonly string[];
}

export interface RenderedEmail {
  language: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * A customer e-mail from its contract: in the customer's language (else the school's), the
 * subject `${title} — ${file} ${number} — ${school}` (the number keeps the thread together), the
 * words, the private link, the school's name and signature. The HTML is React (react-email): every
 * inserted value is escaped; the text part is written apart, line by line.
 */
export async function renderCustomerEmail(
  payload: CustomerEmailPayload,
  school: EmailSchoolFacts,
): Promise<RenderedEmail> {
  if (!/^https?:\/\//.test(payload.link)) throw new Error('A customer e-mail link must be http(s)');
  const language = emailLanguageOf(payload.language, school.defaultLanguage);
  const words = emailWordsOf(payload.params, language, {
    firstName: oneLine(payload.firstName),
    fileNumber: oneLine(payload.fileNumber),
    school: oneLine(school.name),
  });
  const file = words.title.includes(payload.fileNumber) ? '' : ` — ${words.fileLabel} ${payload.fileNumber}`;
  const subject = oneLine(`${words.title}${file} — ${school.name}`);
  const signature = [oneLine(school.name), ...school.signature.filter((l) => l.trim() !== '')];
  const text = [
    words.greeting,
    '',
    ...words.paragraphs.flatMap((p) => [p, '']),
    ...(words.quote ? [...words.quote.split(/\r?\n/).map((l) => `  ${l}`), ''] : []),
    words.action,
    payload.link,
    '',
    words.closing,
    ...signature,
    '',
    '—',
    words.replyHint,
  ].join('\n');
  const html = await render(
    <EmailLayout
      language={language}
      preview={words.paragraphs[0] ?? words.title}
      greeting={words.greeting}
      paragraphs={words.paragraphs}
      quote={words.quote}
      action={{ label: words.action, href: payload.link }}
      closing={words.closing}
      signature={signature}
      footer={words.replyHint}
    />,
  );
  return { language, subject, text, html };
}
