import { Typography, type TypographyProps } from '@mantine/core';
import ReactMarkdown, { type Components } from 'react-markdown';
import './markdown.css';

// Requesters write this text and workers read it: links leave the app in a new tab, and raw
// HTML is dropped (react-markdown's default URL filter already refuses `javascript:` links).
const components: Components = {
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  img: ({ src, alt }) => <img src={typeof src === 'string' ? src : undefined} alt={alt ?? ''} />,
};

type MarkdownProps = Pick<TypographyProps, 'fz' | 'mt' | 'mb' | 'c'> & { children: string };

/** Markdown written by requesters (instructions, descriptions), rendered without raw HTML. */
export function Markdown({ children, ...props }: MarkdownProps) {
  return (
    <Typography className="markdown" {...props}>
      <ReactMarkdown skipHtml components={components}>
        {children}
      </ReactMarkdown>
    </Typography>
  );
}

const inlineComponents: Components = { p: ({ children }) => <>{children} </> };

/**
 * A short Markdown text on one line of a summary (a feed card's description): emphasis and code
 * keep their look, everything else (links, headings, lists, images) is reduced to its text, so
 * a card never shows raw `**` and never holds a link inside the card's own link.
 */
export function InlineMarkdown({ children }: { children: string }) {
  return (
    <ReactMarkdown
      skipHtml
      allowedElements={['p', 'strong', 'em', 'code', 'del']}
      unwrapDisallowed
      components={inlineComponents}
    >
      {children}
    </ReactMarkdown>
  );
}
