import {
  Alert,
  Badge,
  Button,
  Card,
  Divider,
  Grid,
  Group,
  List,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconArrowLeft, IconEye } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { formatCents } from '../../../shared/money.js';
import { useRequestQualification } from '../../api/qualification-requests.js';
import { useWorkPreview } from '../../api/work.js';
import { errorMessage } from '../../components/ErrorAlert.js';
import { HourlyPay } from '../../components/HourlyPay.js';
import { ProfileLink } from '../../components/ProfileLink.js';
import { FactRow } from '../../components/FactRow.js';
import { Markdown } from '../../components/Markdown.js';
import { LoadingState } from '../../components/LoadingState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { TaskForm } from '../../components/task-form/TaskForm.js';
import { TaskFramePreview } from '../../components/task-frame/TaskFrame.js';
import { formatDate } from '../../lib/format.js';
import { paths } from '../../lib/paths.js';
import { acceptProblem, useAcceptAndOpen, type Problem } from '../work/accept.js';
import { filledItemsOf } from '../work/answers.js';
import { formatDuration } from '../work/time.js';
import { ReputationLine } from '../../components/reputation/ReputationLine.js';
import { hourlyLabel } from './FeedCard.js';

const noChange = () => undefined;

/** Asks the requester for a type the worker lacks; then says what became of the request. */
function RequestQualificationButton({ typeId, name }: { typeId: string; name: string }) {
  const request = useRequestQualification();
  if (request.isSuccess) {
    return (
      <Text size="sm" role="status">
        {request.data.status === 'granted'
          ? `You were granted “${name}”. Try accepting again.`
          : `You asked for “${name}”. You will be notified when the requester answers.`}
      </Text>
    );
  }
  return (
    <Stack gap={4} align="flex-start">
      <Button
        size="xs"
        variant="light"
        loading={request.isPending}
        onClick={() => request.mutate(typeId)}
      >
        Request “{name}”
      </Button>
      {request.isError && (
        <Text size="sm" c="red">
          {errorMessage(request.error)}
        </Text>
      )}
    </Stack>
  );
}

/** Why the worker cannot take work here, with the qualification tests they could take. */
function ProblemAlert({ problem, projectId }: { problem: Problem; projectId: string }) {
  return (
    <Alert
      color="red"
      variant="light"
      title={problem.title}
      icon={<IconAlertCircle aria-hidden="true" />}
      role="alert"
    >
      {problem.reasons?.length ? (
        <List size="sm" aria-label="Requirements you do not meet">
          {problem.reasons.map((reason) => (
            <List.Item key={reason}>{reason}</List.Item>
          ))}
        </List>
      ) : (
        problem.message
      )}
      {problem.tests?.map((test) => (
        <Button
          key={test.qualificationTypeId}
          component={Link}
          to={paths.worker.qualificationTest(test.qualificationTypeId, projectId)}
          mt="sm"
          mr="sm"
          size="sm"
        >
          Take the test “{test.name}”
        </Button>
      ))}
      {problem.requestable?.map((type) => (
        <Stack key={type.typeId} mt="sm">
          <RequestQualificationButton typeId={type.typeId} name={type.name} />
        </Stack>
      ))}
    </Alert>
  );
}

function BackToFindWork() {
  return (
    <Button
      component={Link}
      to={paths.worker.findWork}
      variant="subtle"
      leftSection={<IconArrowLeft size={16} aria-hidden="true" />}
      mb="md"
      ml={-12}
    >
      Back to Find work
    </Button>
  );
}

/** A project before accepting: what it asks, what it pays, and a sample of the next task. */
export function ProjectPreviewPage() {
  const { projectId = '' } = useParams();
  const preview = useWorkPreview(projectId);
  const { accept, mutation } = useAcceptAndOpen();

  if (preview.isPending) return <LoadingState label="Loading the project…" />;
  if (preview.isError) {
    return (
      <>
        <BackToFindWork />
        <PageHeader title="This project cannot be previewed" />
        <ProblemAlert problem={acceptProblem(preview.error)} projectId={projectId} />
      </>
    );
  }

  const { project, preview: task } = preview.data;
  const tasks = project.tasksAvailable === 1 ? '1' : String(project.tasksAvailable);

  return (
    <>
      <BackToFindWork />
      <PageHeader
        title={project.title}
        description={
          <>
            Posted by <ProfileLink person={project.requester} inherit />
            {project.publishedAt && ` on ${formatDate(project.publishedAt)}`}
          </>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
          <Stack gap="lg">
            {project.description && (
              <Card component="section" aria-labelledby="description-heading">
                <Title order={2} id="description-heading" mb="xs">
                  About this project
                </Title>
                <Markdown fz="sm">{project.description}</Markdown>
              </Card>
            )}
            {project.instructions.trim() && (
              <Card component="section" aria-labelledby="instructions-heading">
                <Title order={2} id="instructions-heading" mb="xs">
                  Instructions
                </Title>
                <Markdown fz="sm">{project.instructions}</Markdown>
              </Card>
            )}
            <Card component="section" aria-labelledby="sample-heading">
              <Group justify="space-between" mb="md">
                <Title order={2} id="sample-heading">
                  The next task
                </Title>
                <Badge color="gray" leftSection={<IconEye size={12} aria-hidden="true" />}>
                  Preview
                </Badge>
              </Group>
              <Text size="sm" c="dimmed" mb="lg">
                A look at the task you would get. Answers cannot be entered until you accept it.
              </Text>
              {task.kind === 'form' ? (
                <TaskForm
                  items={filledItemsOf(task.items)}
                  values={{}}
                  onChange={noChange}
                  readOnly
                />
              ) : (
                <TaskFramePreview html={task.html} title={`Preview of ${project.title}`} />
              )}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
          <Card component="aside" aria-label="Pay and time" pos="sticky" top={84}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700} lts={0.5}>
              Reward per task
            </Text>
            <Text fz={32} fw={700} c="tessera.8" lh={1.2}>
              {formatCents(project.rewardCents)}
            </Text>
            <Divider my="md" />
            <Stack gap="xs">
              <FactRow label="Time allowed">{formatDuration(project.timeAllottedSeconds)}</FactRow>
              <FactRow label="Tasks left">{tasks}</FactRow>
              <FactRow label="Hourly pay">
                <HourlyPay pay={project.hourlyPay} />
              </FactRow>
              {project.estimatedHourlyRangeCents && (
                <FactRow label="Most workers made">
                  {`${hourlyLabel(project)}, from ${project.estimatedHourlyBasedOn} submissions`}
                </FactRow>
              )}
              <FactRow label="Open until">{formatDate(project.expiresAt)}</FactRow>
            </Stack>
            <Divider my="md" />
            <Text size="xs" c="dimmed" tt="uppercase" fw={700} lts={0.5} mb={6}>
              The requester’s record
            </Text>
            <ReputationLine
              kind="requester"
              reputation={project.requesterReputation}
              label={`${project.requester.displayName}’s reputation`}
            />
            {project.keywords.length > 0 && (
              <Group gap={6} mt="md" aria-label="Keywords">
                {project.keywords.map((keyword) => (
                  <Badge key={keyword} color="gray" size="sm">
                    {keyword}
                  </Badge>
                ))}
              </Group>
            )}
            <Button
              fullWidth
              size="md"
              mt="lg"
              loading={mutation.isPending}
              onClick={() => void accept(project.projectId).catch(() => undefined)}
            >
              Accept and start
            </Button>
            <Text size="xs" c="dimmed" mt="xs" ta="center">
              The task is yours for {formatDuration(project.timeAllottedSeconds)}. You can return it
              if you change your mind.
            </Text>
            {mutation.isError && (
              <Stack mt="md">
                <ProblemAlert problem={acceptProblem(mutation.error)} projectId={projectId} />
              </Stack>
            )}
          </Card>
        </Grid.Col>
      </Grid>
    </>
  );
}
