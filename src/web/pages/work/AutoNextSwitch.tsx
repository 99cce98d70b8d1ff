import { Switch } from '@mantine/core';
import { useAutoNextPreference } from './preferences.js';

export function AutoNextSwitch() {
  const [autoNext, setAutoNext] = useAutoNextPreference();
  return (
    <Switch
      label="Go to the next task automatically"
      description="After a submit, accept the next task in this project."
      checked={autoNext}
      onChange={(event) => setAutoNext(event.currentTarget.checked)}
    />
  );
}
