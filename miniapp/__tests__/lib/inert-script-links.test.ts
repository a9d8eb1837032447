// Taro's H5 tab bar links are href="javascript:;": following one breaks the CSP (script-src
// 'self'). Their default action is cancelled; their click handlers and real links are not.
import { keepScriptLinksInert } from '../../src/lib/inert-script-links';

beforeAll(() => keepScriptLinksInert(document));

function clickOn(html: string): { event: MouseEvent; handled: boolean } {
  document.body.innerHTML = html;
  let handled = false;
  const target = document.querySelector('[data-target]') as HTMLElement;
  target.addEventListener('click', () => {
    handled = true;
  });
  const event = new MouseEvent('click', { bubbles: true, cancelable: true });
  target.dispatchEvent(event);
  return { event, handled };
}

it('cancels following a javascript: link and still runs its click handler (the tab still switches)', () => {
  const { event, handled } = clickOn('<a href="javascript:;" class="weui-tabbar__item"><span><img data-target alt="" /></span></a>');
  expect(event.defaultPrevented).toBe(true);
  expect(handled).toBe(true);
});

it('cancels it whatever the spelling (JavaScript:, leading spaces)', () => {
  expect(clickOn('<a data-target href="  JavaScript:void(0)">x</a>').event.defaultPrevented).toBe(true);
});

it('leaves ordinary links and other elements alone', () => {
  expect(clickOn('<a data-target href="#/pages/me/index">我的</a>').event.defaultPrevented).toBe(false);
  expect(clickOn('<button data-target>确定</button>').event.defaultPrevented).toBe(false);
});
