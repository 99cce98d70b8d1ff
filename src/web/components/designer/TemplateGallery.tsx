import {
  Badge,
  Button,
  Group,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconDownload, IconSearch, IconTemplate } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import {
  GALLERY,
  GALLERY_CATEGORIES,
  galleryColumns,
  sampleRowsAt,
  sampleRowsCsv,
  searchGallery,
  type GalleryTemplate,
  type SampleRow,
} from '../../../shared/templates/gallery/index.js';
import { fillHtmlTemplate } from '../../../shared/templates/index.js';
import { EmptyState } from '../EmptyState.js';
import { TaskFramePreview } from '../task-frame/TaskFrame.js';

const ALL = 'all';

/** Offers the sample rows as a CSV file, ready for the Data tab's upload. */
function downloadCsv(template: GalleryTemplate) {
  const blob = new Blob([sampleRowsCsv(template, window.location.origin)], { type: 'text/csv' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `${template.id}-sample-rows.csv`;
  link.click();
  URL.revokeObjectURL(url);
}

function GalleryPreview({
  template,
  onUse,
}: {
  template: GalleryTemplate;
  onUse: (template: GalleryTemplate, firstRow: SampleRow) => void;
}) {
  const rows = useMemo(() => sampleRowsAt(template, window.location.origin), [template]);
  const [rowIndex, setRowIndex] = useState('0');
  const row = rows[Number(rowIndex)] ?? rows[0] ?? {};
  return (
    <Stack gap="sm" aria-label={`Preview of ${template.title}`} role="region">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={3}>{template.title}</Title>
          <Text size="sm" c="dimmed">
            {template.description}
          </Text>
        </div>
        <Badge variant="light">{template.category}</Badge>
      </Group>
      <Group gap="xs">
        <Text size="sm" fw={500} id="gallery-sample-label">
          Sample row
        </Text>
        <SegmentedControl
          size="xs"
          aria-labelledby="gallery-sample-label"
          value={rowIndex}
          onChange={setRowIndex}
          data={rows.map((_row, index) => ({ value: String(index), label: String(index + 1) }))}
        />
        <Text size="xs" c="dimmed">
          Columns: {galleryColumns(template).join(', ')}
        </Text>
      </Group>
      <TaskFramePreview
        html={fillHtmlTemplate(template.html, row)}
        title={`Preview of the ${template.title} template`}
        allowForms
        height={420}
      />
      <Group justify="flex-end" gap="sm">
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden="true" />}
          onClick={() => downloadCsv(template)}
        >
          Download sample rows (CSV)
        </Button>
        <Button onClick={() => onUse(template, rows[0] ?? {})}>Use this template</Button>
      </Group>
      <Text size="xs" c="dimmed" ta="right">
        Using it replaces the current design; nothing is saved until you choose Save design.
      </Text>
    </Stack>
  );
}

type TemplateGalleryProps = {
  opened: boolean;
  onClose: () => void;
  /** The chosen template's HTML, and its first sample row for the designer's preview. */
  onUse: (html: string, sample: SampleRow) => void;
};

/** "Start from the gallery": MTurk-style starting points, browsed by category and previewed. */
export function TemplateGallery({ opened, onClose, onUse }: TemplateGalleryProps) {
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<string>(ALL);
  const [chosenId, setChosenId] = useState<string>(GALLERY[0]?.id ?? '');
  const shelf = GALLERY_CATEGORIES.find((c) => c === category) ?? null;
  const found = searchGallery(GALLERY, query, shelf);
  const chosen = found.find((t) => t.id === chosenId) ?? found[0];

  return (
    <Modal opened={opened} onClose={onClose} title="Start from the gallery" size="90rem">
      <Stack gap="md">
        <Group gap="sm" align="flex-end">
          <TextInput
            label="Search templates"
            placeholder="e.g. boxes, survey, transcribe"
            leftSection={<IconSearch size={16} aria-hidden="true" />}
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
            w={280}
          />
          <SegmentedControl
            aria-label="Category"
            value={category}
            onChange={setCategory}
            data={[
              { value: ALL, label: 'All' },
              ...GALLERY_CATEGORIES.map((c) => ({ value: c, label: c })),
            ]}
          />
        </Group>
        {found.length === 0 || !chosen ? (
          <EmptyState
            icon={<IconTemplate size={28} aria-hidden="true" />}
            title="No template matches"
            description="Try other words, or look in every category."
            actions={
              <Button
                variant="default"
                onClick={() => {
                  setQuery('');
                  setCategory(ALL);
                }}
              >
                Show all templates
              </Button>
            }
          />
        ) : (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <SimpleGrid
              cols={{ base: 1, sm: 2 }}
              spacing="sm"
              role="list"
              aria-label="Templates"
              className="gallery-grid"
            >
              {found.map((template) => (
                <div role="listitem" key={template.id}>
                  <UnstyledButton
                    className="gallery-card"
                    aria-pressed={template.id === chosen.id}
                    data-chosen={template.id === chosen.id || undefined}
                    onClick={() => setChosenId(template.id)}
                  >
                    <Text fw={600} size="sm">
                      {template.title}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {template.description}
                    </Text>
                    <Badge size="xs" variant="light" color="gray" mt={6}>
                      {template.category}
                    </Badge>
                  </UnstyledButton>
                </div>
              ))}
            </SimpleGrid>
            <GalleryPreview
              key={chosen.id}
              template={chosen}
              onUse={(template, row) => onUse(template.html, row)}
            />
          </SimpleGrid>
        )}
      </Stack>
    </Modal>
  );
}
