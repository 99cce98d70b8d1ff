import { useLocalStorage } from '@mantine/hooks';

/** When on, a successful submit goes straight on to the next task of the same project. */
export function useAutoNextPreference() {
  return useLocalStorage<boolean>({
    key: 'tessera:work:auto-next-task',
    defaultValue: false,
    getInitialValueInEffect: false,
  });
}
