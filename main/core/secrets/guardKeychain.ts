import { ContractFailure } from '../../../shared/contract';
import { KeychainUnavailableError } from './SecretStore';

/** A keychain that cannot be used reaches the page as the contract's KEYCHAIN_UNAVAILABLE, with what to do. */
export async function guardKeychain<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof KeychainUnavailableError) throw new ContractFailure('KEYCHAIN_UNAVAILABLE', error.message);
    throw error;
  }
}
