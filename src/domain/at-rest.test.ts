import { describe, expect, it } from 'vitest';
import { AT_REST, sealedFieldsOf } from './at-rest.ts';
import { DOC_TYPES, specOf } from './index.ts';

const fieldsOf = (type: (typeof DOC_TYPES)[number]) => Object.keys((specOf(type).schema as unknown as { shape: object }).shape);

describe('fields stored encrypted on a device', () => {
  it.each(DOC_TYPES.map((t) => [t]))('classifies every field of %s once, as sealed or clear', (type) => {
    const { sealed, clear } = AT_REST[type];
    const named = [...sealed, ...clear];
    expect(named.filter((f, i) => named.indexOf(f) !== i), 'named twice').toEqual([]);
    // A field added to the schema but not here fails: it is classified when it is added.
    expect([...named].sort()).toEqual(fieldsOf(type).sort());
  });

  it('seals what the issue names: note text, observations, contact details and the sensitive ESF+ items', () => {
    expect(sealedFieldsOf('note')).toContain('text');
    expect(sealedFieldsOf('observation')).toEqual(expect.arrayContaining(['physical', 'cognitive', 'psychological', 'social']));
    expect(sealedFieldsOf('participant')).toEqual(expect.arrayContaining(['contact', 'esfSensitive']));
    expect(sealedFieldsOf('partner')).toContain('contact');
  });

  it('keeps clear what the device queries and indexes by', () => {
    for (const type of DOC_TYPES) {
      for (const field of ['id', 'type', 'scope', 'participantId', 'sessionId', 'date', 'clock']) expect(AT_REST[type].sealed).not.toContain(field);
    }
    for (const type of DOC_TYPES) expect(AT_REST[type].sealed, `${type}'s indexed reference`).not.toContain(specOf(type).ref);
    expect(sealedFieldsOf('unknown-type')).toEqual([]);
  });
});
