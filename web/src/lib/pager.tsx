import { Button, Group, Text } from '@mantine/core';

/** Previous / Next for a cursor-paged list. */
export function Pager(props: {
  page: number;
  nextCursor: string | null | undefined;
  onNext(cursor: string): void;
  onPrevious(): void;
}) {
  return (
    <Group justify="flex-end" gap="xs" mt="sm">
      <Text size="sm" c="dimmed">
        Page {props.page}
      </Text>
      <Button variant="default" size="xs" disabled={props.page <= 1} onClick={props.onPrevious}>
        Previous
      </Button>
      <Button
        variant="default"
        size="xs"
        disabled={!props.nextCursor}
        onClick={() => props.nextCursor && props.onNext(props.nextCursor)}
      >
        Next
      </Button>
    </Group>
  );
}
