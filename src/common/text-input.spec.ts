import { cleanTextInput, CONTROL_MESSAGE, DEPTH_MESSAGE, describeTextRulesInOpenApi, MAX_DEPTH, NON_BLANK_TEXT_PATTERN, TEXT_PATTERN, TextInputError, URL_TEXT_PATTERN } from './text-input';

describe('cleanTextInput', () => {
  const fieldsOf = (v: unknown) => {
    try {
      cleanTextInput(v);
    } catch (e) {
      if (e instanceof TextInputError) return e.fields;
      throw e;
    }
    return undefined;
  };

  it('refuses NUL and other control characters, naming the field', () => {
    expect(fieldsOf({ name: 'Anna\u0000' })).toEqual({ name: [CONTROL_MESSAGE] });
    expect(fieldsOf({ a: { b: ['ok', 'x\u001b[31m'] } })).toEqual({ 'a.b[1]': [CONTROL_MESSAGE] });
    expect(fieldsOf({ note: 'del\u007f' })).toEqual({ note: [CONTROL_MESSAGE] });
    expect(fieldsOf({ note: 'c1\u0085' })).toEqual({ note: [CONTROL_MESSAGE] });
    expect(fieldsOf({ ['k\u0000']: 'v' })).toEqual({ body: [CONTROL_MESSAGE] });
  });

  it('keeps tab and newline, and turns CRLF into a newline', () => {
    expect(cleanTextInput({ note: 'rad 1\r\nrad 2\tflik' })).toEqual({ note: 'rad 1\nrad 2\tflik' });
  });

  it('stores text in NFC', () => {
    const decomposed = 'Ta\u030agbiljett';
    const out = cleanTextInput({ name: decomposed }) as { name: string };
    expect(out.name).toBe('Tågbiljett');
    expect(out.name).toHaveLength(10);
  });

  it('treats a text of only blanks as empty', () => {
    expect(cleanTextInput({ name: '   ', interests: '\n\t ', kept: ' a ' })).toEqual({ name: '', interests: '', kept: ' a ' });
  });

  it('refuses nesting deeper than the limit without recursing through it', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40_000; i++) deep = [deep];
    expect(() => cleanTextInput({ x: deep })).toThrow(DEPTH_MESSAGE);
    let ok: unknown = 'a';
    for (let i = 0; i < MAX_DEPTH - 1; i++) ok = [ok];
    expect(() => cleanTextInput(ok)).not.toThrow();
  });

  it('leaves numbers, booleans and null alone', () => {
    expect(cleanTextInput({ n: 1, b: false, z: null })).toEqual({ n: 1, b: false, z: null });
  });
});

describe('describeTextRulesInOpenApi', () => {
  it('gives every free string the pattern the pipe enforces, and a required one the non-blank pattern', () => {
    const doc = {
      components: { schemas: { Dto: { type: 'object', properties: { name: { type: 'string', pattern: '\\S' }, note: { type: 'string' }, on: { type: 'string', format: 'date' }, code: { type: 'string', pattern: '^[a-z]+$' } } } } },
      paths: { '/x/{id}': { get: { parameters: [{ schema: { type: 'string' } }] } } },
    };
    describeTextRulesInOpenApi(doc);
    const props = doc.components.schemas.Dto.properties as Record<string, { pattern?: string }>;
    expect(props.name.pattern).toBe(NON_BLANK_TEXT_PATTERN);
    expect(props.note.pattern).toBe(TEXT_PATTERN);
    expect(props.on.pattern).toBeUndefined();
    expect(props.code.pattern).toBe('^[a-z]+$');
    expect((doc.paths['/x/{id}'].get.parameters[0].schema as { pattern?: string }).pattern).toBe(URL_TEXT_PATTERN);
    expect(new RegExp(URL_TEXT_PATTERN, 'u').test('a\tb')).toBe(false);
    const text = new RegExp(TEXT_PATTERN, 'u');
    const nonBlank = new RegExp(NON_BLANK_TEXT_PATTERN, 'u');
    expect(text.test('Tåg\tbiljett\n')).toBe(true);
    expect(text.test('a\u0000')).toBe(false);
    expect(nonBlank.test('   ')).toBe(false);
    expect(nonBlank.test(' a ')).toBe(true);
    expect(nonBlank.test(' a\u0001')).toBe(false);
  });
});
