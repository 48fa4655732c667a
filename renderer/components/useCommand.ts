import { useCallback, useState } from 'react';
import type { ContractError, Result } from '../../shared/contract';

/**
 * Runs one command at a time for a control: tracks whether it is pending and
 * the typed error it answered with, so every button can show both.
 */
export function useCommand() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const run = useCallback(async <T,>(call: () => Promise<Result<T>>): Promise<T | null> => {
    setPending(true);
    setError(null);
    try {
      const result = await call();
      if (!result.ok) {
        setError(result.error);
        return null;
      }
      return result.value;
    } finally {
      setPending(false);
    }
  }, []);
  return { pending, error, setError, run };
}
