// What the engine does when a WhatsApp user takes back what they sent: a
// file deleted for everyone leaves the draft (and is asked for again), an
// edit the app cannot apply is answered with "send it again".
import { describe, expect, it } from "vitest";
import {
  draftFileWithdrawn,
  EDIT_NOT_READ,
  FILE_WITHDRAWN,
  WITHDRAWN_FILE_NAMES,
} from "../../../core/content/index.ts";
import { ChatDriver, completeDraft } from "../../fixtures/conversation.builders.ts";

const atScreenshots = () =>
  new ChatDriver({
    mode: { type: "intake", step: "screenshots", failures: 0, editing: false },
    draft: completeDraft({ screenshots: [], screenshotsDone: false }),
  });

describe("a file deleted for everyone", () => {
  it("drops the KTP from the draft and asks for it again", () => {
    const chat = atScreenshots();
    chat.send({ type: "mediaWithdrawn", mediaIds: ["media-ktp"] });
    expect(chat.state.draft?.ktp).toBeNull();
    expect(chat.step).toBe("ktp");
    expect(chat.reply).toContain(draftFileWithdrawn(WITHDRAWN_FILE_NAMES.ktp).id);
  });

  it("at the summary, drops the last screenshot and asks for screenshots again", () => {
    const chat = new ChatDriver({ mode: { type: "summary", failures: 0 }, draft: completeDraft() });
    chat.send({ type: "mediaWithdrawn", mediaIds: ["media-shot-1"] });
    expect(chat.state.draft?.screenshots).toEqual([]);
    expect(chat.step).toBe("screenshots");
    expect(chat.reply).toContain(draftFileWithdrawn(WITHDRAWN_FILE_NAMES.screenshots).id);
    // Not "discarded" by the engine: the app already withdrew it.
    expect(chat.lastEffects.filter((e) => e.type === "discardMedia")).toEqual([
      { type: "discardMedia", mediaIds: ["media-shot-1"] },
    ]);
  });

  it("a file the draft does not hold (a ticket's, the agents') only gets the notice", () => {
    const chat = atScreenshots();
    const before = chat.state;
    chat.send({ type: "mediaWithdrawn", mediaIds: ["ticket-file"] });
    expect(chat.reply).toBe(FILE_WITHDRAWN.id);
    expect(chat.state.draft).toEqual(before.draft);
    expect(chat.state.mode).toEqual(before.mode);
  });

  it("in English too", () => {
    const chat = new ChatDriver({
      language: "en",
      mode: { type: "summary", failures: 0 },
      draft: completeDraft(),
    });
    chat.send({ type: "mediaWithdrawn", mediaIds: ["media-ktp"] });
    expect(chat.reply).toContain("The KTP photo you deleted is deleted here too");
  });
});

describe("an edit that cannot be applied", () => {
  it("keeps the state and asks to send it again", () => {
    const chat = atScreenshots();
    const before = chat.state;
    chat.send({ type: "editNotRead" });
    expect(chat.reply).toBe(EDIT_NOT_READ.id);
    expect(chat.state).toEqual(before);
  });
});
