// shared/ is type-checked with neither the DOM's nor Node's types (tsconfig.shared.json),
// so the few globals both runtimes provide alike are declared here, as WHATWG defines them.
declare class URL {
  constructor(url: string, base?: string | URL);
  hash: string;
  host: string;
  hostname: string;
  href: string;
  readonly origin: string;
  password: string;
  pathname: string;
  port: string;
  protocol: string;
  search: string;
  username: string;
  toString(): string;
}
