import { isEmptyPatchBody } from './non-empty-patch';

describe('isEmptyPatchBody', () => {
  it('calls a missing body, a non-object and an object without fields empty', () => {
    for (const body of [undefined, null, {}, { name: undefined }, [], ['name'], 'name', 0]) expect(isEmptyPatchBody(body)).toBe(true);
  });

  it('calls a body with at least one field, null included, a change', () => {
    expect(isEmptyPatchBody({ name: 'Förbundet' })).toBe(false);
    expect(isEmptyPatchBody({ orgNumber: null })).toBe(false);
    expect(isEmptyPatchBody({ unknownField: 1 })).toBe(false); // the validation pipe refuses it afterwards
  });
});
