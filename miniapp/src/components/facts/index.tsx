// Facts in one line of words (前面还有 0 人 · 青石县政务服务中心 · 社会保障卡申领) that wraps between
// facts rather than inside a short one: a fact of up to WHOLE_FACT_LENGTH characters is kept whole
// (a hall's name, a count, a time), a longer one wraps as text does, and each "·" is glued to the
// fact before it, so no line starts with one. It reads as joinFacts' string does. With
// separator '、' it is a list of names in a sentence (居民身份证换领、内地居民结婚登记).
import { Text } from '@tarojs/components';
import { Fragment } from 'react';

/** Long enough for a hall's name (青云街道为民服务中心), short enough to fit a 长辈版 line. */
export const WHOLE_FACT_LENGTH = 10;

export interface FactsProps {
  parts: ReadonlyArray<string | null | undefined | false>;
  separator?: '·' | '、';
}

export function Facts({ parts, separator = '·' }: FactsProps) {
  const shown = parts.filter((part): part is string => Boolean(part));
  const glue = separator === '·' ? '\u00a0·' : '、';
  return (
    <>
      {shown.map((part, index) => {
        const isLast = index === shown.length - 1;
        return (
          <Fragment key={index}>
            <Text className={[...part].length <= WHOLE_FACT_LENGTH ? 'palm-whole' : undefined}>{isLast ? part : `${part}${glue}`}</Text>
            {isLast || separator !== '·' ? null : ' '}
          </Fragment>
        );
      })}
    </>
  );
}
