import { useEffect } from 'react';

const DIALOG = '[role="dialog"]';

/**
 * Keeps the keyboard focus from falling onto the page's body when a dialog, or the part of it that had the focus,
 * is removed. Mantine gives the focus back only when a modal's `opened` turns false, but the console's dialogs
 * are removed whole when they close, and a step of a dialog replaces its buttons. So when the focused element
 * leaves the page: while a dialog is open the focus goes to that dialog (its next Tab stays inside); once none
 * is, back to the element that had it before the dialog opened, if that one is still on the page. A focus that
 * the user put on the body (a click on an empty spot) is left alone.
 */
export function useDialogFocusReturn(): void {
  useEffect(() => {
    let focused: Element | null = null;
    let beforeDialog: HTMLElement | null = null;
    const remember = (event: FocusEvent) => {
      if (!(event.target instanceof HTMLElement)) return;
      focused = event.target;
      if (!event.target.closest(DIALOG)) beforeDialog = event.target;
    };
    const rescue = () => {
      const active = document.activeElement;
      if ((active && active !== document.body) || !focused || focused.isConnected) return;
      focused = null;
      const dialogs = document.querySelectorAll<HTMLElement>(DIALOG);
      const open = dialogs[dialogs.length - 1];
      if (open) open.focus();
      else if (beforeDialog?.isConnected) beforeDialog.focus();
    };
    document.addEventListener('focusin', remember);
    const observer = new MutationObserver(rescue);
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      document.removeEventListener('focusin', remember);
      observer.disconnect();
    };
  }, []);
}
