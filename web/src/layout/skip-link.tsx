import type { MouseEvent } from 'react';
import classes from './skip-link.module.css';

/** The first stop of the Tab key: straight to the page's content, past the header and the navigation. */
export function SkipLink({ target }: { target: string }) {
  // Focus moves by hand: following the fragment would put #main into the router's URL.
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    document.getElementById(target)?.focus();
  };
  return (
    <a href={`#${target}`} className={classes.skipLink} onClick={skip}>
      Skip to main content
    </a>
  );
}
