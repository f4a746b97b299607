// Back-pressure as the burst's users saw it: how many "sedang ramai, pesan
// sudah kami terima" notices reached them while the burst ran and drained,
// and how many users heard one.
import { BUSY_ACK_NOTICE } from "../core/content/messages/flood.messages.ts";
import type { CapturingChannel } from "./capture.ts";

export interface BusyNotices {
  notices: number;
  usersTold: number;
  /** A user told more than once (in one burst a saturation episode may end and start again). */
  usersToldTwiceOrMore: number;
}

export function busyNoticesOf(
  capture: Pick<CapturingChannel, "sentTo">,
  users: readonly { externalId: string }[],
  since: number,
): BusyNotices {
  const texts = new Set([BUSY_ACK_NOTICE.id, BUSY_ACK_NOTICE.en]);
  let notices = 0;
  let usersTold = 0;
  let twice = 0;
  for (const user of users) {
    const mine = capture.sentTo(user.externalId).filter((s) => s.at >= since && texts.has(s.text));
    notices += mine.length;
    if (mine.length > 0) usersTold++;
    if (mine.length > 1) twice++;
  }
  return { notices, usersTold, usersToldTwiceOrMore: twice };
}
