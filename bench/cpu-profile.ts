// `--cpu-profile FILE`: a V8 CPU profile of the bot process (this one) during
// the burst only, written as a .cpuprofile (Chrome DevTools, speedscope), with
// its self time grouped by where it goes (see profile-groups.ts).
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { groupSelfTime, type ProfileGroups } from "./profile-groups.ts";

export async function startCpuProfile(): Promise<(file: string) => Promise<ProfileGroups>> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  // 1 ms by default: fine enough for a run of a few seconds.
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  return async (file) => {
    const { profile } = await session.post("Profiler.stop");
    session.disconnect();
    await writeFile(file, JSON.stringify(profile));
    return groupSelfTime(profile);
  };
}
