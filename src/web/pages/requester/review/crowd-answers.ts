import { parseLabels } from '../../../../shared/templates/annotation-labels.js';
import {
  annotationAnswer,
  annotationCount,
  type AnnotationAnswer,
} from '../../../../shared/templates/annotation-answers.js';
import { crowdElementsIn, filledAttribute } from '../../../../shared/templates/crowd-elements.js';
import type { Template } from '../../../../shared/templates/index.js';
import { TASK_ANSWERS_FIELD, taskAnswerLines } from '../../../../shared/templates/task-answers.js';
import { mediaView } from './task-media.js';

/** An annotation as the review draws it: over the picture the worker saw, or over their text. */
export type DrawnAnnotation = {
  answer: AnnotationAnswer;
  /** The task's picture, when the template's `src` gives a displayable (https) address. */
  imageUrl: string | undefined;
  /** crowd-entity-annotation's `text`, filled from the task's data. */
  text: string | undefined;
  /** The element's labels in order: their colours are the ones the worker saw. */
  labels: string[];
};

/** One answer as the reviewer reads it: a line of text, or an annotation drawn. */
export type CrowdAnswerLine = {
  name: string;
  label: string;
  value: string | null;
  annotation?: DrawnAnnotation;
};

const NOUNS: Record<AnnotationAnswer['kind'], [string, string]> = {
  boxes: ['box', 'boxes'],
  keypoints: ['point', 'points'],
  polygons: ['polygon', 'polygons'],
  lines: ['line', 'lines'],
  segmentation: ['label painted', 'labels painted'],
  entities: ['span labelled', 'spans labelled'],
};

/** "2 boxes", "1 point": what an annotation holds, in words (also its text alternative). */
export function annotationSummary(answer: AnnotationAnswer): string {
  const count = annotationCount(answer);
  const [one, many] = NOUNS[answer.kind];
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * The lines of a crowd-form answer (`taskAnswers`, already parsed): an annotation element's answer
 * as one drawn line, found by its shape; every other answer as "path: value" lines.
 */
export function crowdAnswerLines(
  template: Template,
  taskData: Readonly<Record<string, string>>,
  answers: Record<string, unknown>,
): CrowdAnswerLine[] {
  const elements = template.kind === 'html' ? crowdElementsIn(template.html) : [];
  const lines: CrowdAnswerLine[] = [];
  for (const [key, value] of Object.entries(answers)) {
    const answer = annotationAnswer(value);
    if (!answer) {
      for (const line of taskAnswerLines({ [key]: value }))
        lines.push({
          name: `${TASK_ANSWERS_FIELD}.${line.path}`,
          label: line.path,
          value: line.value || null,
        });
      continue;
    }
    const element = elements.find((e) => e.name === key);
    const src = element && filledAttribute(element, 'src', taskData);
    const view = src ? mediaView(src, 'image') : undefined;
    lines.push({
      name: `${TASK_ANSWERS_FIELD}.${key}`,
      label: key,
      value: annotationSummary(answer),
      annotation: {
        answer,
        imageUrl: view?.kind === 'image' ? view.url : undefined,
        text: element && filledAttribute(element, 'text', taskData),
        labels: parseLabels(element?.attributes.labels ?? element?.attributes.keypoints),
      },
    });
  }
  return lines;
}
