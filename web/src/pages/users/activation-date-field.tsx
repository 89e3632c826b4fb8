import { Group, Radio, TextInput } from '@mantine/core';

/** "Assign now" or a custom activation date, as the assign dialogs (one user or many) ask it. */
export function ActivationDateField(props: {
  when: 'now' | 'date';
  onWhen(when: 'now' | 'date'): void;
  date: string;
  onDate(date: string): void;
}) {
  return (
    <>
      <Radio.Group
        label="Assignment date"
        value={props.when}
        onChange={(v) => props.onWhen(v as 'now' | 'date')}
      >
        <Group mt="xs">
          <Radio value="now" label="Assign now" />
          <Radio value="date" label="Custom date" />
        </Group>
      </Radio.Group>
      {props.when === 'date' && (
        <TextInput
          type="datetime-local"
          label="Activation date"
          value={props.date}
          onChange={(e) => props.onDate(e.currentTarget.value)}
        />
      )}
    </>
  );
}
