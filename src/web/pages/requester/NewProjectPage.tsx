import { Anchor, Button, Card, Group, Radio, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PROJECT_LIMITS } from '../../../shared/api/projects.js';
import { useBalance } from '../../api/money.js';
import { useCreateProject } from '../../api/projects.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { PageHeader } from '../../components/PageHeader.js';
import { starterTemplate } from '../../components/designer/designer-model.js';
import { serverFieldErrors } from '../../lib/forms.js';
import { paths } from '../../lib/paths.js';
import { checkPayTerms, payFloorMessage } from './lib/pay-terms.js';
import { centsFromDollars } from './lib/units.js';
import { PayTermsHint } from './PayTermsHint.js';
import './requester.css';
import { RewardInput } from './RewardInput.js';
import {
  EstimatedMinutesInput,
  ProjectDescriptionInput,
  ProjectTitleInput,
  TopUpSwitch,
  WorkersPerTaskInput,
} from './ProjectFields.js';

type NewProjectValues = {
  title: string;
  description: string;
  reward: string | number;
  assignmentsPerTask: string | number;
  /** Minutes a careful worker needs for one task; '' for none. */
  estimatedMinutes: string | number;
  topUpToFloor: boolean;
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

/** A new draft gets the default time allotted; the estimate, when given, must fit in it. */
const TIME_ALLOTTED = PROJECT_LIMITS.timeAllottedSecondsDefault;

const estimatedSecondsOf = (values: Pick<NewProjectValues, 'estimatedMinutes'>) =>
  typeof values.estimatedMinutes === 'number' ? Math.round(values.estimatedMinutes * 60) : null;

const payTermsOf = (values: NewProjectValues, floorCentsPerHour: number) =>
  checkPayTerms({
    rewardCents: centsFromDollars(values.reward),
    estimatedSeconds: estimatedSecondsOf(values),
    timeAllottedSeconds: TIME_ALLOTTED,
    floorCentsPerHour,
  });

function validate(values: NewProjectValues, floorCentsPerHour: number): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.title.trim()) errors.title = 'Give the project a title workers will recognise.';
  const cents = centsFromDollars(values.reward);
  if (cents === null) errors.reward = 'Enter an amount in dollars, e.g. 0.25.';
  else if (cents < 1) errors.reward = 'The reward must be at least $0.01.';
  else if (cents > PROJECT_LIMITS.rewardCentsMax)
    errors.reward = `The reward must be at most $${PROJECT_LIMITS.rewardCentsMax / 100}.`;
  if (typeof values.assignmentsPerTask !== 'number')
    errors.assignmentsPerTask = 'Enter how many workers should do each task.';
  const estimate = estimatedSecondsOf(values);
  if (estimate !== null && estimate < PROJECT_LIMITS.estimatedSecondsMin)
    errors.estimatedMinutes = `Estimate at least ${PROJECT_LIMITS.estimatedSecondsMin} seconds.`;
  else if (estimate !== null && estimate > TIME_ALLOTTED)
    errors.estimatedMinutes = `A new project allows ${TIME_ALLOTTED / 60} minutes per task; change the time allotted in Settings for longer work.`;
  // Publishing is refused under the floor: say so now, with the reward that would do.
  const check =
    errors.reward || errors.estimatedMinutes ? null : payTermsOf(values, floorCentsPerHour);
  const floor = check && payFloorMessage(check, floorCentsPerHour);
  if (floor) errors.reward = floor;
  return errors;
}

/** A draft needs only a title and a reward; everything else is designed on the project page. */
export function NewProjectPage() {
  const navigate = useNavigate();
  const createProject = useCreateProject();
  const [formError, setFormError] = useState<unknown>(null);
  const floorCentsPerHour = useBalance().data?.payFloorCentsPerHour ?? 0;
  const form = useForm<NewProjectValues>({
    initialValues: {
      title: '',
      description: '',
      reward: 0.1,
      assignmentsPerTask: 1,
      estimatedMinutes: '',
      topUpToFloor: false,
      kind: 'form',
    },
    validate: (values) => validate(values, floorCentsPerHour),
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    createProject.mutate(
      {
        title: values.title.trim(),
        description: values.description.trim(),
        rewardCents: centsFromDollars(values.reward) ?? 0,
        assignmentsPerTask: Number(values.assignmentsPerTask),
        estimatedSeconds: estimatedSecondsOf(values) ?? undefined,
        topUpToFloor: values.topUpToFloor,
        template: starterTemplate(values.kind),
      },
      {
        onSuccess: (project) => void navigate(paths.requester.project(project.id, 'design')),
        onError: (error) => {
          const fields = serverFieldErrors(error);
          if (fields.rewardCents) fields.reward = fields.rewardCents;
          if (fields.estimatedSeconds) fields.estimatedMinutes = fields.estimatedSeconds;
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
            <ProjectTitleInput
              description="Workers see it in their list of work."
              placeholder="Label the sentiment of product reviews"
              data-autofocus
              {...form.getInputProps('title')}
            />
            <ProjectDescriptionInput
              label="Short description"
              description="One or two sentences about the work. Markdown is allowed."
              {...form.getInputProps('description')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <RewardInput {...form.getInputProps('reward')} />
              <WorkersPerTaskInput
                label="Workers per task"
                description="How many different workers answer each row."
                {...form.getInputProps('assignmentsPerTask')}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <EstimatedMinutesInput
                description="How long one task takes a careful worker. Workers see the hourly pay at it until real times are measured; the pay floor is checked against it."
                {...form.getInputProps('estimatedMinutes')}
              />
              <TopUpSwitch
                description="Approved work whose measured time paid below the floor is topped up (at most the reward) from your funds."
                {...form.getInputProps('topUpToFloor', { type: 'checkbox' })}
              />
            </SimpleGrid>
            <PayTermsHint
              check={payTermsOf(form.values, floorCentsPerHour)}
              floorCentsPerHour={floorCentsPerHour}
            />
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
