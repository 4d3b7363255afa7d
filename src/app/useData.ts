import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { DataApi } from '../data/api.ts';

export const DataContext = createContext<DataApi | null>(null);

export function useData(): DataApi {
  const api = useContext(DataContext);
  if (!api) throw new Error('useData outside the signed-in app');
  return api;
}
