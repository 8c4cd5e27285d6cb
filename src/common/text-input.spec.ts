import { cleanTextInput, CONTROL_MESSAGE, DEPTH_MESSAGE, MAX_DEPTH, TextInputError } from './text-input';

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
