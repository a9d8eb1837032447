// Words that must not break inside at 长辈版 sizes: facts joined by "·" (each short fact whole, the
// dot glued to the fact before it) and opening hours (each range whole, the comma ending its range).
import { render } from '@testing-library/react';
import { Facts, WHOLE_FACT_LENGTH } from '../../src/components/facts';
import { Hours } from '../../src/components/hours';
import { joinFacts } from '../../src/lib/format';

const pieces = (container: HTMLElement) => [...container.querySelectorAll('span')].map((span) => ({ text: span.textContent, isWhole: span.classList.contains('palm-whole') }));

describe('Facts', () => {
  it('reads as joinFacts’ string, leaving out empty facts', () => {
    const parts: Array<string | null | false> = ['前面还有 0 人', null, '青石县政务服务中心', false, '城乡居民基本养老保险参保登记'];
    const { container } = render(<Facts parts={parts} />);
    expect(container.textContent).toBe(joinFacts(...parts));
  });

  it('keeps each short fact whole with its "·", and lets a long one wrap', () => {
    const long = '城乡居民基本养老保险参保登记';
    expect([...long].length).toBeGreaterThan(WHOLE_FACT_LENGTH);
    const { container } = render(<Facts parts={['前面还有 0 人', '青云街道为民服务中心', long]} />);
    expect(pieces(container)).toEqual([
      { text: '前面还有 0 人\u00a0·', isWhole: true },
      { text: '青云街道为民服务中心\u00a0·', isWhole: true },
      { text: long, isWhole: false },
    ]);
  });

  it('lists names in a sentence with 、, each short name whole', () => {
    const { container } = render(<Facts parts={['居民身份证换领', '内地居民结婚登记']} separator='、' />);
    expect(container.textContent).toBe('居民身份证换领、内地居民结婚登记');
    expect(pieces(container)).toEqual([
      { text: '居民身份证换领、', isWhole: true },
      { text: '内地居民结婚登记', isWhole: true },
    ]);
  });
});

describe('Hours', () => {
  it('keeps each range whole, the comma ending the range before it', () => {
    const { container } = render(<Hours hours={[['09:00', '12:00'], ['13:30', '17:30']]} />);
    expect(container.textContent).toBe('09:00–12:00，13:30–17:30');
    expect(pieces(container)).toEqual([
      { text: '09:00–12:00，', isWhole: true },
      { text: '13:30–17:30', isWhole: true },
    ]);
  });

  it('says 休息 on a day without hours', () => {
    expect(render(<Hours hours={[]} />).container.textContent).toBe('休息');
  });
});
