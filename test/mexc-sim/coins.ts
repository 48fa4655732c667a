import { SIM_SYMBOLS } from './symbols';

/** One deposit/withdraw network of a coin, with the two names MEXC gives it ("Tron(TRC20)" and "TRX"). */
export interface SimNetwork {
  network: string;
  netWork: string;
  withdrawFee: string;
  withdrawMin: string;
  withdrawMax: string;
  /** the token contract; empty for a chain's native coin (MEXC sends a string either way) */
  contract: string;
}

export interface SimCoin {
  coin: string;
  name: string;
  networks: SimNetwork[];
}

const native = (network: string, netWork: string, withdrawFee: string, withdrawMin: string): SimNetwork => ({
  network, netWork, withdrawFee, withdrawMin, withdrawMax: '1000000', contract: '',
});

/**
 * The wallet side of every asset the simulator lists (capital/config/getall,
 * capital/deposit/address). Fees and limits are plausible, not MEXC's.
 */
export const SIM_COINS: SimCoin[] = [
  {
    coin: 'USDT', name: 'Tether USDT', networks: [
      { ...native('BNB Smart Chain(BEP20)', 'BSC', '0.8', '10'), contract: '0x55d398326f99059fF775485246999027B3197955' },
      { ...native('Ethereum(ERC20)', 'ETH', '3', '10'), contract: '0xdAC17F958D2ee523a2206206994597C13D831ec7' },
      { ...native('Tron(TRC20)', 'TRX', '1', '10'), contract: 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t' },
    ],
  },
  { coin: 'QRL', name: 'Quantum Resistant Ledger', networks: [native('QRL', 'QRL', '1', '2')] },
  { coin: 'BTC', name: 'Bitcoin', networks: [native('Bitcoin(BTC)', 'BTC', '0.0003', '0.001')] },
  { coin: 'ETH', name: 'Ethereum', networks: [native('Ethereum(ERC20)', 'ETH', '0.002', '0.01')] },
  { coin: 'MX', name: 'MX Token', networks: [{ ...native('Ethereum(ERC20)', 'ETH', '12', '24'), contract: '0x11eeF04c884E24d9B7B4760e7476D06ddF797f36' }] },
  { coin: 'DOGE', name: 'Dogecoin', networks: [native('Dogecoin(DOGE)', 'DOGE', '5', '20')] },
];

// Every asset of the listing has a wallet entry (a symbol added without one fails here, at load).
for (const asset of new Set(SIM_SYMBOLS.flatMap((s) => [s.baseAsset, s.quoteAsset]))) {
  if (!SIM_COINS.some((c) => c.coin === asset)) throw new Error(`simulator coin list misses ${asset}`);
}
