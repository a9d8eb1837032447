// Taro's H5 input throws when its `value` changes between its construction and its first render
// (components/rendered-input.ts): a field is mounted with '' and given its value only once the web
// component says it has rendered. Here a stand-in `taro-input-core` decides when that is.
import { act, render } from '@testing-library/react';
import { createElement } from 'react';
import { useRenderedInputValue } from '../../src/components/rendered-input';

let markRendered: () => void = () => undefined;
class InputStandIn extends HTMLElement {
  private readonly rendered = new Promise<void>((resolve) => (markRendered = resolve));
  componentOnReady(): Promise<void> {
    return this.rendered;
  }
}
customElements.define('taro-input-core', InputStandIn);

function Field({ value }: { value: string }) {
  const [shown, ref] = useRenderedInputValue(value);
  return createElement('taro-input-core', { ref, 'data-value': shown });
}

describe('useRenderedInputValue (H5)', () => {
  it('gives the input its value only once the web component has rendered, then follows it', async () => {
    const { container, rerender } = render(<Field value='社保' />);
    const input = container.querySelector('taro-input-core')!;
    expect(input.getAttribute('data-value')).toBe('');
    rerender(<Field value='社保卡' />);
    expect(input.getAttribute('data-value')).toBe('');
    await act(async () => markRendered());
    expect(input.getAttribute('data-value')).toBe('社保卡');
    rerender(<Field value='医保' />);
    expect(input.getAttribute('data-value')).toBe('医保');
  });
});
