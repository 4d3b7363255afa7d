import { z } from 'zod';
import { mutableFields, text } from '../common.ts';
import { defineDocType, docHead } from './define.ts';
import { groupSettings } from './group.ts';

const spec = { name: 'organisation', id: 'single' } as const;

export const organisationSchema = z.looseObject({
  ...docHead(spec),
  ...mutableFields,
  name: text(120),
  defaults: groupSettings,
});
export type Organisation = z.infer<typeof organisationSchema>;


export const organisationType = defineDocType({ ...spec, schema: organisationSchema, writers: ['coordinator'], reach: 'staff' });
