import { describe, expect, it } from "vitest";
import { templateKeyboard } from "../../../../bot/agent-desk/commands/templates.ts";
import { parseButtonData } from "../../../../bot/agent-desk/desk.commands.ts";
import { DEFAULT_DESK_TEMPLATES } from "../../../../core/content/desk-templates.content.ts";

const TOPIC = "01a22425-7fb9-751b-9ff4-dabffb5c73f6";

describe("/templat: the templates as buttons", () => {
  it("puts one template a row, each button naming the topic and the template", () => {
    const keyboard = templateKeyboard(DEFAULT_DESK_TEMPLATES, TOPIC);
    expect(keyboard).toHaveLength(DEFAULT_DESK_TEMPLATES.length);
    for (const [i, row] of keyboard.entries()) {
      const template = DEFAULT_DESK_TEMPLATES[i];
      expect(row).toHaveLength(1);
      expect(row[0]?.text).toBe(template?.title);
      const data = row[0] && "callback_data" in row[0] ? row[0].callback_data : "";
      expect(parseButtonData(data)).toEqual({ action: "ts", id: TOPIC, template: template?.id });
    }
  });
});
