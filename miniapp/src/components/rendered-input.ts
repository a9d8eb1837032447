// Taro 4.2.1's H5 input (the `taro-input-core` web component) copies a new `value` into its inner
// <input> from a watcher that reads `this.inputRef.value` without a guard. Stencil arms that watcher
// as soon as the component is constructed, but creates the inner <input> (and the ref) only in its
// first render, a moment later: a `value` other than the initial '' given in between — in the same
// task as the mount, which is where React gives a field its first props — throws "Cannot read
// properties of undefined (reading 'value')" in the console. `undefined` counts as a change too.
// So on H5 a field is mounted with '' and given its value once the component says it has rendered
// (componentOnReady, Stencil's own promise); from then on the value is passed as it is. The
// mini-programs' inputs are native and have no such gap.
import { useEffect, useRef, useState, type RefObject } from 'react';

type Rendered = HTMLElement & { componentOnReady?: () => Promise<unknown> };

/** [the value to give the input now, the ref to give it]. */
export function useRenderedInputValue(value: string): readonly [string, RefObject<Rendered>] {
  const ref = useRef<Rendered>(null);
  // Only Taro's H5 web component has the gap (not the mini-programs, not a DOM stand-in).
  const [isRendered, setIsRendered] = useState(() => process.env.TARO_ENV !== 'h5' || typeof customElements === 'undefined' || !customElements.get('taro-input-core'));
  useEffect(() => {
    if (isRendered) return undefined;
    let isCurrent = true;
    const element = ref.current;
    void (element?.componentOnReady ? element.componentOnReady() : Promise.resolve()).then(() => {
      if (isCurrent) setIsRendered(true);
    });
    return () => {
      isCurrent = false;
    };
  }, [isRendered]);
  return [isRendered ? value : '', ref] as const;
}
