/** The alert's message in the agents group, so erasure and retention can delete it. */
export interface NotifiedPost {
  chatId: string;
  messageId: number;
}

/** Where alerts for the helpdesk staff go (the Telegram agents group). */
export interface AgentNotifier {
  /** `supervisor`: the supervisor gets a copy (SLA breaches). */
  notify(message: { text: string; supervisor: boolean }): Promise<NotifiedPost | undefined | void>;
}
