import {
  IconAlignLeft,
  IconCheckbox,
  IconCircleDot,
  IconForms,
  IconLink,
  IconMarkdown,
  IconMovie,
  IconMusic,
  IconNumbers,
  IconPhoto,
  IconSelector,
  IconStar,
  type Icon,
} from '@tabler/icons-react';
import type { FormItemType } from '../../../shared/templates/index.js';

export const ITEM_TYPE_ICONS: Record<FormItemType, Icon> = {
  instructions: IconMarkdown,
  text: IconForms,
  textarea: IconAlignLeft,
  number: IconNumbers,
  single_choice: IconCircleDot,
  multiple_choice: IconCheckbox,
  dropdown: IconSelector,
  rating: IconStar,
  image: IconPhoto,
  audio: IconMusic,
  video: IconMovie,
  link: IconLink,
};

export function ItemTypeIcon({ type, size = 16 }: { type: FormItemType; size?: number }) {
  const TypeIcon = ITEM_TYPE_ICONS[type];
  return <TypeIcon size={size} stroke={1.7} aria-hidden="true" />;
}
