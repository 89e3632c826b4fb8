import { Modal, type ModalProps } from '@mantine/core';

/**
 * The console's dialog: Mantine's Modal with its close (×) button named, which Mantine leaves as an icon without
 * an accessible name (axe's critical `button-name`). "Close dialog" rather than "Close": several dialogs end on
 * a result with a "Close" button of their own, and two buttons of one name in one dialog cannot be told apart
 * by someone who hears them.
 */
export function AppModal({ closeButtonProps, ...props }: ModalProps) {
  return <Modal {...props} closeButtonProps={{ 'aria-label': 'Close dialog', ...closeButtonProps }} />;
}
