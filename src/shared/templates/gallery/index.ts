import { boundingBox, imageClassification, keypoints, polygon } from './images.js';
import { audioTranscription, imageTranscription } from './media.js';
import type { GalleryTemplate } from './model.js';
import { comparison, dataCollection, survey } from './surveys.js';
import { contentModeration, entityTagging, multiLabel, sentiment } from './text.js';

export * from './model.js';

/** The gallery of starting points the project designer offers (issue #16), in display order. */
export const GALLERY: readonly GalleryTemplate[] = [
  sentiment,
  multiLabel,
  entityTagging,
  contentModeration,
  imageClassification,
  boundingBox,
  keypoints,
  polygon,
  audioTranscription,
  imageTranscription,
  survey,
  dataCollection,
  comparison,
];
