import fc from 'fast-check';
import { maskIdNumber, maskName, maskPhone } from '../src/mask';

/** Positions where the mask shows a character of the (trimmed) input instead of '*'. */
function revealed(input: string, output: string): number[] {
  const inChars = Array.from(input.trim());
  const outChars = Array.from(output);
  expect(outChars).toHaveLength(inChars.length);
  const positions: number[] = [];
  outChars.forEach((ch, i) => {
    if (ch === '*') return;
    expect(ch.toUpperCase()).toBe((inChars[i] ?? '').toUpperCase());
    positions.push(i);
  });
  return positions;
}

// Any Unicode text, including astral characters (surrogate pairs) and whitespace, and strings of
// exactly the lengths the masks treat specially. (A code-point unit of our own: fast-check's
// 'binary' unit costs ≈ 1.5 s to set up per test file.)
const codePoint = fc.integer({ min: 0, max: 0x10ffff }).filter((c) => c < 0xd800 || c > 0xdfff).map((c) => String.fromCodePoint(c));
const anyText = fc.oneof(
  fc.string({ unit: codePoint, maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('1', 'x', 'X', '张', '𠀋', ' ', '*'), maxLength: 20 }),
  fc.constantFrom(1, 2, 11, 17, 18, 19).chain((n) => fc.string({ unit: codePoint, minLength: n, maxLength: n })),
);

describe('maskIdNumber', () => {
  it('keeps the first 4 and last 4 of an 18-character number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
    expect(maskIdNumber(' 11010519491231002x ')).toBe('1101**********002X');
  });

  it('masks short and odd input completely', () => {
    expect(maskIdNumber('')).toBe('');
    expect(maskIdNumber('110105491231002')).toBe('***************');
    expect(maskIdNumber('11010519491231002X1')).toBe('*******************');
  });

  it('never reveals more than the first 4 and last 4 of 18, for any string', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const shown = revealed(s, maskIdNumber(s));
        const length = Array.from(s.trim()).length;
        return shown.every((i) => length === 18 && (i < 4 || i >= 14));
      }),
    );
  });
});

describe('maskPhone', () => {
  it('keeps the first 3 and last 4 digits of 11', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('masks other lengths completely', () => {
    expect(maskPhone('1381234567')).toBe('**********');
    expect(maskPhone('+8613812345678')).toBe('**************');
  });

  it('never reveals more than 3 + 4 of 11, for any string', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const shown = revealed(s, maskPhone(s));
        const length = Array.from(s.trim()).length;
        return shown.every((i) => length === 11 && (i < 3 || i >= 7));
      }),
    );
  });
});

describe('maskName', () => {
  it('keeps the first character only', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('阿卜杜拉·买买提')).toBe('阿*******');
  });

  it('masks a one-character name fully and keeps an astral first character whole', () => {
    expect(maskName('张')).toBe('*');
    expect(maskName('')).toBe('');
    expect(maskName('𠀋明')).toBe('𠀋*');
  });

  it('never reveals more than the first of at least two characters, for any string', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const shown = revealed(s, maskName(s));
        return shown.every((i) => i === 0 && Array.from(s.trim()).length >= 2);
      }),
    );
  });
});

describe('masks are total', () => {
  it('return an empty string for null and undefined from nullable columns', () => {
    for (const mask of [maskIdNumber, maskPhone, maskName]) {
      expect(mask(null as unknown as string)).toBe('');
      expect(mask(undefined as unknown as string)).toBe('');
      expect(mask(12345678901 as unknown as string)).toBe('');
    }
  });
});
