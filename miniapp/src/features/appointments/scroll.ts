// Bringing the next step into view after a choice: the confirm panel sits below a long list of
// times, and a person (especially in 长辈版, with one time per row) may not know to scroll to it.
import Taro from '@tarojs/taro';

/** Scrolls the page to an element; never fails (a platform without it simply does not scroll). */
export function scrollTo(selector: string): void {
  Promise.resolve()
    .then(() => Taro.pageScrollTo({ selector, duration: 300 }))
    .catch(() => undefined);
}
