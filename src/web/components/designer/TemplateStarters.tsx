import { Button, Group } from '@mantine/core';
import { IconFileImport, IconLayoutGrid } from '@tabler/icons-react';
import { useState } from 'react';
import type { SampleRow } from '../../../shared/templates/gallery/index.js';
import { ImportMturkTemplate } from './ImportMturkTemplate.js';
import { TemplateGallery } from './TemplateGallery.js';

type TemplateStartersProps = {
  disabled: boolean;
  /** Replaces the draft with this HTML; a gallery template brings a sample row for the preview. */
  onStart: (html: string, sample: SampleRow | null) => void;
};

/** The designer's other ways in: a template from the gallery, or one brought from MTurk. */
export function TemplateStarters({ disabled, onStart }: TemplateStartersProps) {
  const [open, setOpen] = useState<'gallery' | 'import' | null>(null);
  return (
    <Group gap="xs">
      <Button
        variant="light"
        disabled={disabled}
        leftSection={<IconLayoutGrid size={16} aria-hidden="true" />}
        onClick={() => setOpen('gallery')}
      >
        Start from the gallery
      </Button>
      <Button
        variant="subtle"
        disabled={disabled}
        leftSection={<IconFileImport size={16} aria-hidden="true" />}
        onClick={() => setOpen('import')}
      >
        Import MTurk template
      </Button>
      <TemplateGallery
        opened={open === 'gallery'}
        onClose={() => setOpen(null)}
        onUse={(html, sample) => {
          onStart(html, sample);
          setOpen(null);
        }}
      />
      <ImportMturkTemplate
        opened={open === 'import'}
        onClose={() => setOpen(null)}
        onImport={(html) => {
          onStart(html, null);
          setOpen(null);
        }}
      />
    </Group>
  );
}
