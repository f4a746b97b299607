/** Ends an exhaustive `switch`: the compiler proves the default is unreachable. */
export function assertNever(value: never, what = "value"): never {
  throw new Error(`Unhandled ${what}: ${JSON.stringify(value)}`);
}
