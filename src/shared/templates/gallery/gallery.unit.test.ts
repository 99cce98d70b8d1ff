import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cellProblems, cellRulesOf } from '../cell-rules.js';
import { htmlTemplateSchema } from '../model.js';
import { analyseMturkTemplate } from '../mturk-import.js';
import {
  GALLERY,
  GALLERY_CATEGORIES,
  galleryColumns,
  sampleRowsAt,
  sampleRowsCsv,
  searchGallery,
} from './index.js';

const ORIGIN = 'http://127.0.0.1:3000';
const publicFile = (path: string) =>
  fileURLToPath(new URL(`../../../web/public${path}`, import.meta.url));

describe('the template gallery', () => {
  it('covers what MTurk’s own gallery covers, with unique ids, on every shelf', () => {
    expect(GALLERY.length).toBeGreaterThanOrEqual(12);
    expect(new Set(GALLERY.map((t) => t.id)).size).toBe(GALLERY.length);
    expect(new Set(GALLERY.map((t) => t.category))).toEqual(new Set(GALLERY_CATEGORIES));
    for (const id of [
      'sentiment',
      'image-classification',
      'multi-label',
      'bounding-box',
      'keypoints',
      'polygon',
      'audio-transcription',
      'image-transcription',
      'entity-tagging',
      'survey',
      'content-moderation',
      'data-collection',
      'comparison',
    ])
      expect(GALLERY.map((t) => t.id)).toContain(id);
  });

  describe.each(GALLERY.map((t) => [t.id, t] as const))('%s', (_id, template) => {
    it('is a valid HTML template that imports without a problem', () => {
      expect(htmlTemplateSchema.safeParse({ kind: 'html', html: template.html }).success).toBe(
        true,
      );
      const analysis = analyseMturkTemplate(template.html);
      expect(analysis.problems).toEqual([]);
      expect(analysis.usesAmazonScript).toBe(true);
      expect(analysis.crowdElements).toContain('crowd-form');
    });

    it('has 2–3 sample rows that fill every column and pass the batch checks', () => {
      expect(template.sampleRows.length).toBeGreaterThanOrEqual(2);
      expect(template.sampleRows.length).toBeLessThanOrEqual(3);
      const columns = galleryColumns(template);
      expect(columns.length).toBeGreaterThan(0);
      const rules = cellRulesOf({ kind: 'html', html: template.html });
      for (const row of sampleRowsAt(template, ORIGIN)) {
        expect(Object.keys(row).sort()).toEqual([...columns].sort());
        expect(cellProblems(rules, (c) => row[c] ?? '')).toEqual([]);
      }
    });

    it('serves its sample media from Tessera itself', () => {
      for (const row of template.sampleRows)
        for (const value of Object.values(row)) {
          expect(value).not.toMatch(/^(https?:)?\/\//);
          if (value.startsWith('/gallery/')) expect(existsSync(publicFile(value))).toBe(true);
        }
    });
  });

  it('writes the sample rows as a CSV with whole addresses on this server', () => {
    const boxes = GALLERY.find((t) => t.id === 'bounding-box');
    if (!boxes) throw new Error('no bounding-box template');
    const rows = parse<Record<string, string>>(sampleRowsCsv(boxes, ORIGIN), { columns: true });
    expect(rows).toEqual([
      { image_url: `${ORIGIN}/gallery/street.svg` },
      { image_url: `${ORIGIN}/gallery/street.svg` },
    ]);
    const comparison = GALLERY.find((t) => t.id === 'comparison');
    if (!comparison) throw new Error('no comparison template');
    const [first] = parse<Record<string, string>>(sampleRowsCsv(comparison, ORIGIN), {
      columns: true,
    });
    expect(first?.answer_a).toBe('Keep it in a bread bin or a paper bag at room temperature.');
  });

  it('is searched by every word, within a category', () => {
    expect(searchGallery(GALLERY, 'box vehicle', null).map((t) => t.id)).toEqual(['bounding-box']);
    expect(searchGallery(GALLERY, 'transcribe', 'Audio and transcription')).toHaveLength(2);
    expect(searchGallery(GALLERY, 'transcribe', 'Text')).toEqual([]);
    expect(searchGallery(GALLERY, '', 'Images').map((t) => t.category)).toEqual(
      Array(4).fill('Images'),
    );
  });
});
