// The parsed environment, as the cross-area rules (rules.ts) and the mapping to
// Config (build.ts) see it. Typed from the areas here rather than from the
// composed schema in core/config.ts, which imports both: no import cycle.
import type { consoleArea } from "./console.ts";
import type { conversationArea } from "./conversation.ts";
import type { deskArea } from "./desk.ts";
import type { documentsArea } from "./documents.ts";
import type { retentionArea } from "./retention.ts";
import type { securityArea } from "./security.ts";
import type { serverArea } from "./server.ts";
import type { AreaEnv } from "./setting.ts";
import type { storageArea } from "./storage.ts";
import type { telegramArea } from "./telegram.ts";
import type { whatsappArea } from "./whatsapp.ts";
import type { workflowArea } from "./workflow.ts";

export type Env = AreaEnv<typeof serverArea> &
  AreaEnv<typeof storageArea> &
  AreaEnv<typeof securityArea> &
  AreaEnv<typeof conversationArea> &
  AreaEnv<typeof workflowArea> &
  AreaEnv<typeof retentionArea> &
  AreaEnv<typeof telegramArea> &
  AreaEnv<typeof whatsappArea> &
  AreaEnv<typeof deskArea> &
  AreaEnv<typeof documentsArea> &
  AreaEnv<typeof consoleArea>;
