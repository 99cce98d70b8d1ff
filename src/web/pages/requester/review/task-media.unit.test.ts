import { describe, expect, it } from 'vitest';
import type { Template } from '../../../../shared/templates/index.js';
import { altText, columnMedia, mediaView } from './task-media.js';

describe('mediaView', () => {
  it('shows https images, recordings and videos by their extension', () => {
    expect(mediaView('https://img.example.com/cat.JPG')).toEqual({
      kind: 'image',
      url: 'https://img.example.com/cat.JPG',
    });
    expect(mediaView(' https://cdn.example.org/clip.mp3?sig=1 ')).toEqual({
      kind: 'audio',
      url: 'https://cdn.example.org/clip.mp3?sig=1',
    });
    expect(mediaView('https://cdn.example.org/v/intro.webm#t=3').kind).toBe('video');
  });

  it('trusts the template over the extension', () => {
    expect(mediaView('https://img.example.com/render?id=7', 'image')).toEqual({
      kind: 'image',
      url: 'https://img.example.com/render?id=7',
    });
  });

  it('links other web addresses, and http media the page could not load', () => {
    expect(mediaView('https://example.org/about')).toEqual({
      kind: 'link',
      url: 'https://example.org/about',
    });
    expect(mediaView('http://img.example.com/cat.png')).toEqual({
      kind: 'link',
      url: 'http://img.example.com/cat.png',
    });
    expect(mediaView('http://img.example.com/cat', 'image').kind).toBe('link');
  });

  it('never turns a hostile value into a link or media', () => {
    const hostile = [
      'javascript:alert(document.cookie)',
      'JavaScript:alert(1)//.png',
      '  javascript:alert(1)',
      'java\tscript:alert(1)',
      'data:image/png;base64,iVBORw0KGgo=',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd.png',
      '//evil.example.com/x.png',
      '/relative/x.png',
      'blob:https://example.org/123',
      'x.png',
    ];
    for (const value of hostile) {
      expect(mediaView(value), value).toEqual({ kind: 'text' });
      expect(mediaView(value, 'image'), value).toEqual({ kind: 'text' });
    }
  });
});

describe('columnMedia', () => {
  const template = {
    kind: 'form',
    items: [
      { type: 'image', name: 'photo', label: '', url: '{{ image_url }}', alt: 'Photo of {{sku}}' },
      { type: 'audio', name: 'clip', label: 'Recording', url: '{{clip}}' },
      { type: 'video', name: 'film', label: '', url: 'https://v.example.com/{{film_id}}.mp4' },
      { type: 'text', name: 'caption', label: 'Caption', required: false },
    ],
  } as unknown as Template;

  it('reads which columns the form shows as media, with their alt text', () => {
    const media = columnMedia(template);
    expect([...media]).toEqual([
      ['image_url', { kind: 'image', alt: 'Photo of {{sku}}' }],
      ['clip', { kind: 'audio', alt: 'Recording' }],
    ]);
    expect(altText('image_url', media.get('image_url'), { sku: 'SKU-1' })).toBe('Photo of SKU-1');
    expect(altText('other', undefined, {})).toBe('Task data: other');
  });

  it('knows nothing of an HTML template', () => {
    expect(columnMedia({ kind: 'html', html: '<img src="${url}">' }).size).toBe(0);
  });
});
