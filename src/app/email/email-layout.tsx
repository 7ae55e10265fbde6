import { Body, Button, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components';

/** What the HTML part shows; every value is inserted as text (React escapes it). */
export interface EmailLayoutProps {
  language: string;
  preview: string;
  greeting: string;
  paragraphs: readonly string[];
  quote?: string;
  action: { label: string; href: string };
  closing: string;
  signature: readonly string[];
  footer: string;
}

const page = { backgroundColor: '#f4f6f8', fontFamily: 'Helvetica, Arial, sans-serif', margin: 0 };
const card = { backgroundColor: '#ffffff', borderRadius: 8, margin: '24px auto', maxWidth: 560, padding: 24 };
const text = { color: '#1f2933', fontSize: 15, lineHeight: '22px', margin: '0 0 12px' };
const quote = {
  ...text,
  borderLeft: '3px solid #1c7ed6',
  paddingLeft: 12,
  whiteSpace: 'pre-wrap' as const,
};
const button = {
  backgroundColor: '#1c7ed6',
  borderRadius: 6,
  color: '#ffffff',
  fontSize: 15,
  padding: '10px 18px',
  textDecoration: 'none',
};
const muted = { color: '#6b7785', fontSize: 12, lineHeight: '18px', margin: 0 };

/** The one layout of every e-mail Schuss sends: greeting, words, the dossier's button, signature. */
export function EmailLayout(props: EmailLayoutProps) {
  return (
    <Html lang={props.language}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={page}>
        <Container style={card}>
          <Text style={text}>{props.greeting}</Text>
          {props.paragraphs.map((p) => (
            <Text key={p} style={text}>
              {p}
            </Text>
          ))}
          {props.quote ? <Text style={quote}>{props.quote}</Text> : null}
          <Section style={{ margin: '20px 0' }}>
            <Button href={props.action.href} style={button}>
              {props.action.label}
            </Button>
          </Section>
          <Text style={text}>{props.closing}</Text>
          {props.signature.map((line) => (
            <Text key={line} style={{ ...text, margin: 0 }}>
              {line}
            </Text>
          ))}
          <Hr style={{ borderColor: '#e3e8ee', margin: '20px 0 12px' }} />
          <Text style={muted}>{props.footer}</Text>
        </Container>
      </Body>
    </Html>
  );
}
