import { useEffect, useRef, type RefObject } from 'react';
import { useLocation } from 'react-router';

/**
 * After a navigation, focus goes to the new page's heading, so keyboard and screen-reader users start on the page
 * they opened instead of on a link that is gone (which leaves the focus on the document's body). Until the
 * heading is drawn (a lazily loaded page, a user still loading) the focus waits on the main region. A focused
 * element that survived the navigation inside the page (a tab of the same page, say) keeps the focus.
 */
export function useRouteFocus(main: RefObject<HTMLElement | null>): void {
  const { pathname } = useLocation();
  const firstPage = useRef(true);
  useEffect(() => {
    // The page the console opens on keeps the browser's own starting point: Tab reaches the skip link first.
    if (firstPage.current) {
      firstPage.current = false;
      return;
    }
    const region = main.current;
    if (!region) return;
    const active = document.activeElement;
    const stayed = active && active !== document.body && active.isConnected && region.contains(active);
    if (stayed) return;
    region.focus();
    const toHeading = (): boolean => {
      const heading = region.querySelector('h1');
      if (!heading) return false;
      // Only if nobody moved the focus meanwhile.
      if (document.activeElement === region || document.activeElement === document.body) {
        heading.tabIndex = -1;
        heading.focus();
      }
      return true;
    };
    if (toHeading()) return;
    const observer = new MutationObserver(() => {
      if (toHeading()) observer.disconnect();
    });
    observer.observe(region, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [pathname, main]);
}
