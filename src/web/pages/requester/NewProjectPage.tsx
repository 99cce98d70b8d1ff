import {
  Anchor,
  Button,
  Card,
  Group,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PROJECT_LIMITS } from '../../../shared/api/projects.js';
import { useCreateProject } from '../../api/projects.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { PageHeader } from '../../components/PageHeader.js';
import { starterTemplate } from '../../components/designer/designer-model.js';
import { serverFieldErrors } from '../../lib/forms.js';
import { paths } from '../../lib/paths.js';
import { centsFromDollars } from './lib/units.js';
import './requester.css';
import { RewardInput } from './RewardInput.js';

type NewProjectValues = {
  title: string;
  description: string;
  reward: string | number;
  assignmentsPerTask: string | number;
  kind: 'form' | 'html';
};

/** The two ways to design a task, offered as choice cards. */
const DESIGN_KINDS: { value: NewProjectValues['kind']; title: string; description: string }[] = [
  {
    value: 'form',
    title: 'Form builder',
    description: 'Questions, choices, ratings and media, put together item by item.',
  },
  {
    value: 'html',
    title: 'HTML template',
    description: 'Bring an MTurk-style layout with ${column} placeholders.',
  },
];

function validate(values: NewProjectValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.title.trim()) errors.title = 'Give the project a title workers will recognise.';
  const cents = centsFromDollars(values.reward);
  if (cents === null) errors.reward = 'Enter an amount in dollars, e.g. 0.25.';
  else if (cents < 1) errors.reward = 'The reward must be at least $0.01.';
  else if (cents > PROJECT_LIMITS.rewardCentsMax)
    errors.reward = `The reward must be at most $${PROJECT_LIMITS.rewardCentsMax / 100}.`;
  if (typeof values.assignmentsPerTask !== 'number')
    errors.assignmentsPerTask = 'Enter how many workers should do each task.';
  return errors;
}

/** A draft needs only a title and a reward; everything else is designed on the project page. */
export function NewProjectPage() {
  const navigate = useNavigate();
  const createProject = useCreateProject();
  const [formError, setFormError] = useState<unknown>(null);
  const form = useForm<NewProjectValues>({
    initialValues: { title: '', description: '', reward: 0.1, assignmentsPerTask: 1, kind: 'form' },
    validate,
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    createProject.mutate(
      {
        title: values.title.trim(),
        description: values.description.trim(),
        rewardCents: centsFromDollars(values.reward) ?? 0,
        assignmentsPerTask: Number(values.assignmentsPerTask),
        template: starterTemplate(values.kind),
      },
      {
        onSuccess: (project) => void navigate(paths.requester.project(project.id, 'design')),
        onError: (error) => {
          const fields = serverFieldErrors(error);
          if (fields.rewardCents) fields.reward = fields.rewardCents;
          if (Object.keys(fields).length > 0) form.setErrors(fields);
          else setFormError(error);
        },
      },
    );
  });

  return (
    <>
      <Anchor
        component={Link}
        to={paths.requester.projects}
        size="sm"
        mb="sm"
        display="inline-flex"
        className="back-link"
      >
        <IconArrowLeft size={14} aria-hidden="true" /> Projects
      </Anchor>
      <PageHeader
        title="New project"
        description="Start with the basics. You will design the task, upload data and publish on the next pages; nothing is charged until you publish."
      />
      <Card maw={720}>
        <form onSubmit={submit} noValidate aria-label="New project">
          <Stack gap="md">
            {formError !== null && (
              <ErrorAlert error={formError} title="Could not create the project" />
            )}
            <TextInput
              label="Title"
              description="Workers see it in their list of work."
              placeholder="Label the sentiment of product reviews"
              required
              maxLength={PROJECT_LIMITS.titleMax}
              data-autofocus
              {...form.getInputProps('title')}
            />
            <Textarea
              label="Short description"
              description="One or two sentences about the work. Markdown is allowed."
              autosize
              minRows={2}
              maxRows={6}
              maxLength={PROJECT_LIMITS.descriptionMax}
              {...form.getInputProps('description')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <RewardInput {...form.getInputProps('reward')} />
              <NumberInput
                label="Workers per task"
                description="How many different workers answer each row."
                min={1}
                max={PROJECT_LIMITS.assignmentsPerTaskMax}
                allowDecimal={false}
                required
                {...form.getInputProps('assignmentsPerTask')}
              />
            </SimpleGrid>
            <Radio.Group label="How will you design the task?" {...form.getInputProps('kind')}>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="xs">
                {DESIGN_KINDS.map((kind) => (
                  <Radio.Card
                    key={kind.value}
                    value={kind.value}
                    p="md"
                    radius="md"
                    className="choice-card"
                  >
                    <Group wrap="nowrap" align="flex-start">
                      <Radio.Indicator />
                      <div>
                        <Text fw={600} size="sm">
                          {kind.title}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {kind.description}
                        </Text>
                      </div>
                    </Group>
                  </Radio.Card>
                ))}
              </SimpleGrid>
            </Radio.Group>
            <Group justify="flex-end" gap="sm" mt="xs">
              <Button variant="default" component={Link} to={paths.requester.projects}>
                Cancel
              </Button>
              <Button type="submit" loading={createProject.isPending}>
                Create draft
              </Button>
            </Group>
          </Stack>
        </form>
      </Card>
    </>
  );
}
