// Taro's H5 tab bar draws each tab as <a href="javascript:;"> and switches pages in its click
// handler without cancelling the link. Following that href is running an inline script, which
// the BFF's Content-Security-Policy (script-src 'self') refuses, with a console error on every
// tap. Cancelling the default action of such links keeps the CSP strict: the tab's own handler
// still runs, and nothing else in the app uses javascript: links.
export function keepScriptLinksInert(target: Pick<Document, 'addEventListener'> = document): void {
  target.addEventListener(
    'click',
    (event) => {
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (link && /^\s*javascript:/i.test(link.getAttribute('href') ?? '')) event.preventDefault();
    },
    true,
  );
}
