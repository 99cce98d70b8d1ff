import { Box } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useImperativeHandle, useId, useMemo, useRef, type Ref } from 'react';
import {
  frameDocument,
  PREVIEW_FIELDS,
  PREVIEW_FRAME_PATH,
  SUBMITTED_MESSAGE,
} from '../../../shared/templates/frame-document.js';
import { isRecord } from '../../lib/narrow.js';
import { csrfToken } from '../../api/client.js';
import {
  answersFromFrameMessage,
  REQUEST_SUBMIT_MESSAGE,
  type FrameAnswers,
} from './frame-messages.js';

// Scripts and forms may run, but never with the app's origin: without allow-same-origin the
// frame cannot read the session cookie or call the API as the worker (DESIGN §6).
const SANDBOX = 'allow-scripts allow-forms';
const FRAME_HEIGHT = 560;

export type TaskFrameHandle = {
  /** Asks the frame to check and send its form; the answers arrive through `onSubmit`. */
  requestSubmit: () => void;
};

type TaskFrameProps = {
  /** Where the filled task is served (the assignment's `frameUrl`). */
  src: string;
  /** Names the frame for screen readers. */
  title: string;
  onSubmit: (answers: FrameAnswers) => void;
  /** The task page submitted the assignment itself (MTurk's externalSubmit). */
  onSubmitted: () => void;
  ref?: Ref<TaskFrameHandle>;
};

/** A requester's HTML task, in a sandbox, talking to the page only through postMessage. */
export function TaskFrame({ src, title, onSubmit, onSubmitted, ref }: TaskFrameProps) {
  const frameRef = useRef<HTMLIFrameElement>(null);
  const onSubmitRef = useRef(onSubmit);
  const onSubmittedRef = useRef(onSubmitted);
  useEffect(() => {
    onSubmitRef.current = onSubmit;
    onSubmittedRef.current = onSubmitted;
  }, [onSubmit, onSubmitted]);

  useEffect(() => {
    const receive = (event: MessageEvent) => {
      // The frame's origin is opaque ("null"), so its window is the only way to know the sender.
      const frame = frameRef.current?.contentWindow;
      if (!frame || event.source !== frame) return;
      // Anyone's code could post this, so it only makes the page read the assignment again.
      if (isRecord(event.data) && event.data.type === SUBMITTED_MESSAGE)
        return onSubmittedRef.current();
      const answers = answersFromFrameMessage(event.data);
      if (answers) onSubmitRef.current(answers);
    };
    window.addEventListener('message', receive);
    return () => window.removeEventListener('message', receive);
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      requestSubmit: () =>
        // '*' because an opaque origin cannot be named; the message carries no secret.
        frameRef.current?.contentWindow?.postMessage({ type: REQUEST_SUBMIT_MESSAGE }, '*'),
    }),
    [],
  );

  return (
    <Box
      className="task-frame"
      style={{ resize: 'vertical', overflow: 'hidden', height: FRAME_HEIGHT, minHeight: 240 }}
    >
      <iframe
        ref={frameRef}
        src={src}
        title={title}
        sandbox={SANDBOX}
        referrerPolicy="no-referrer"
        style={{ display: 'block', width: '100%', height: '100%', border: 0, background: 'white' }}
      />
    </Box>
  );
}

/**
 * A filled HTML task shown before accepting it, or in the designer. It runs the template's
 * scripts exactly as the task frame does: the same document, posted to the server and served
 * back under the task frame's sandbox policy (see src/server/modules/frames). Without
 * `allowForms` nothing can be submitted from it.
 */
export function TaskFramePreview({
  html,
  title,
  allowForms = false,
  height = 320,
}: {
  html: string;
  title: string;
  allowForms?: boolean;
  height?: number;
}) {
  const frameName = useId();
  const formRef = useRef<HTMLFormElement>(null);
  // While a requester types in the designer, post the document once they pause.
  const [settledHtml] = useDebouncedValue(html, 300);
  const document = useMemo(() => frameDocument(settledHtml), [settledHtml]);

  useEffect(() => {
    formRef.current?.submit();
  }, [document]);

  return (
    <Box
      className="task-frame"
      style={{
        resize: 'vertical',
        overflow: 'hidden',
        height,
        minHeight: 160,
        border: '1px solid var(--mantine-color-gray-3)',
        borderRadius: 'var(--mantine-radius-md)',
      }}
    >
      <form ref={formRef} method="post" action={PREVIEW_FRAME_PATH} target={frameName} hidden>
        <input type="hidden" name={PREVIEW_FIELDS.document} value={document} />
        <input type="hidden" name={PREVIEW_FIELDS.csrf} value={csrfToken()} />
      </form>
      <iframe
        name={frameName}
        title={title}
        sandbox={allowForms ? SANDBOX : 'allow-scripts'}
        referrerPolicy="no-referrer"
        style={{ display: 'block', width: '100%', height: '100%', border: 0, background: 'white' }}
      />
    </Box>
  );
}
