// The environment for a Redis binary we start. libfaketime (LD_PRELOAD) makes
// redis-server and redis-cli hang, and a shifted clock is something the Node
// side is tested under (`npm run test:time-travel`), not the Redis side: its
// servers keep the real clock, as a Redis on another host would.
const FAKED_CLOCK = /^(LD_PRELOAD|FAKETIME.*|DONT_FAKE_MONOTONIC)$/;

export function realClockEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !FAKED_CLOCK.test(name)));
}
