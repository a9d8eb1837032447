import fc from 'fast-check';
import { isValidPersonName } from '../src/person-name';

describe('isValidPersonName', () => {
  it('accepts Chinese names, minority names with a middle dot and Latin names', () => {
    for (const name of ['王芳', '欧阳修文', '阿依古丽·买买提', '买买提•艾力', 'Anna Li']) expect(isValidPersonName(name)).toBe(true);
  });

  it('refuses one character, digits, symbols, leading or trailing dots and spaces', () => {
    for (const name of ['王', '王2', '王芳!', '·王芳', '王芳·', ' 王芳', '王芳 ', '', '<b>王</b>']) expect(isValidPersonName(name)).toBe(false);
  });

  it('refuses anything longer than 40 characters', () => {
    fc.assert(fc.property(fc.integer({ min: 41, max: 200 }), (n) => !isValidPersonName('王'.repeat(n))));
    expect(isValidPersonName('王'.repeat(40))).toBe(true);
  });
});
