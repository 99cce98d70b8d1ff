/**
 * MTurk's buttons name icons from Google's iron-icons set; the common ones are drawn with text
 * glyphs (no icon font to fetch), and any other name with a neutral dot.
 */
const GLYPHS: Record<string, string> = {
  add: '+',
  'arrow-back': '←',
  'arrow-forward': '→',
  cancel: '✕',
  check: '✓',
  clear: '✕',
  close: '✕',
  delete: '🗑',
  done: '✓',
  'expand-less': '▴',
  'expand-more': '▾',
  help: '?',
  info: 'ℹ',
  remove: '−',
  search: '⌕',
  star: '★',
  'thumb-up': '👍',
  'thumb-down': '👎',
  undo: '↶',
  redo: '↷',
  warning: '⚠',
  'zoom-in': '+',
  'zoom-out': '−',
};

export function iconGlyph(name: string): string {
  return GLYPHS[name.replace(/^icons:/, '')] ?? '•';
}
