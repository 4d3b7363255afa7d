import type { CapacityDimension } from '../../domain/index.ts';
import type { MessageKey } from '../../i18n/translate.ts';

/** How each area of functional capacity is named, in plain words with examples. */
export const DIMENSION_LABEL: Record<CapacityDimension, MessageKey> = {
  physical: 'observation.dimension.physical',
  cognitive: 'observation.dimension.cognitive',
  psychological: 'observation.dimension.psychological',
  social: 'observation.dimension.social',
};
